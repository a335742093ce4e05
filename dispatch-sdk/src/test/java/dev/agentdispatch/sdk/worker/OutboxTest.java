package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.WorkerEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class OutboxTest {
  private final List<String> sent = new CopyOnWriteArrayList<>();

  private Outbox outbox(int maxEvents) {
    return new Outbox(
        "test-outbox",
        100,
        Duration.ofMillis(20),
        events -> events.forEach(e -> sent.add("event:" + e.leaseId())),
        results -> results.forEach(r -> sent.add("result:" + r.leaseId())),
        maxEvents);
  }

  private static LeaseEvent event(String lease) {
    return new LeaseEvent(lease, new WorkerEvent("log", JsonNodeFactory.instance.stringNode("x")));
  }

  @Test
  void aLeasesEventsAreSentBeforeItsResult() throws InterruptedException {
    Outbox outbox = outbox(100);
    outbox.event(event("a"));
    outbox.event(event("a"));
    outbox.result(CompletionResult.completed("a", JsonNodeFactory.instance.objectNode()));
    outbox.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 3);
    assertThat(sent).containsExactly("event:a", "event:a", "result:a");
    outbox.close(Duration.ofSeconds(1));
  }

  @Test
  void eventsPastTheCapAreDroppedButResultsNeverAre() throws InterruptedException {
    Outbox outbox = outbox(2);
    assertThat(outbox.event(event("a"))).isTrue();
    assertThat(outbox.event(event("a"))).isTrue();
    assertThat(outbox.event(event("a"))).isFalse();
    assertThat(
            outbox.result(CompletionResult.completed("a", JsonNodeFactory.instance.objectNode())))
        .isTrue();
    outbox.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 3);
    assertThat(outbox.event(event("b"))).isTrue();
    outbox.close(Duration.ofSeconds(1));
  }
}
