package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.sdk.model.Trigger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TriggersTest {
  record Order(String id) {}

  static final class Handlers {
    @On("orders.*")
    @On("refunds.created")
    public void listen(Order o) {}

    @Fn
    @On("orders.created")
    public void both(Order o) {}

    @Fn
    @Schedule(cron = "0 9 * * MON-FRI", timezone = "Europe/Berlin", payload = "{\"id\":\"daily\"}")
    public void daily(Order o) {}

    public void notAHandler(Order o) {}
  }

  static final class BadPattern {
    @On("")
    public void listen(Order o) {}
  }

  private static Map<String, List<Trigger>> triggers(Object handlers) {
    return HandlerScanner.scan(List.of(handlers)).stream()
        .collect(Collectors.toMap(FunctionHandler::name, h -> h.spec().triggers()));
  }

  @Test
  void onAndScheduleDeclareTheirTriggers() {
    Map<String, List<Trigger>> t = triggers(new Handlers());
    assertThat(t).containsOnlyKeys("listen", "both", "daily");
    assertThat(t.get("listen")).extracting(Trigger::type).containsExactly("topic", "topic");
    assertThat(t.get("listen"))
        .extracting(x -> x.topic().orElseThrow())
        .containsExactly("orders.*", "refunds.created");
    assertThat(t.get("both")).extracting(Trigger::type).containsExactly("callable", "topic");
    Trigger daily = t.get("daily").get(1);
    assertThat(daily.cron()).contains("0 9 * * MON-FRI");
    assertThat(daily.timezone()).contains("Europe/Berlin");
    assertThat(daily.payload().orElseThrow().path("id").asString()).isEqualTo("daily");
  }

  @Test
  void anEmptyPatternIsRefused() {
    assertThatThrownBy(() -> HandlerScanner.scan(List.of(new BadPattern())))
        .hasMessageContaining("@On needs a topic pattern");
  }
}
