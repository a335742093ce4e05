package dev.agentdispatch.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.client.InvokeOptions;
import dev.agentdispatch.sdk.model.FunctionSpec;
import dev.agentdispatch.sdk.model.InvocationCreated;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.InvocationLogger;
import dev.agentdispatch.sdk.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GreeterAgentTest {
  private final GreeterAgent agent = new GreeterAgent();
  private final RecordingContext ctx = new RecordingContext();

  @Test
  void greetsInEnglishByDefault() {
    assertThat(agent.greet(GreetRequest.of("Ada")).message()).isEqualTo("Hello, Ada!");
  }

  @Test
  void greetsInTheRequestedLanguageAndFallsBackToEnglish() {
    assertThat(agent.greet(new GreetRequest("Ada", Optional.of("FR"))).message())
        .isEqualTo("Bonjour, Ada !");
    assertThat(agent.greet(new GreetRequest("Ada", Optional.of("tlh"))).message())
        .isEqualTo("Hello, Ada!");
    assertThat(agent.greet(GreetRequest.of(" ")).message()).isEqualTo("Hello, friend!");
  }

  @Test
  void shoutsAndLogsToTheInvocation() {
    assertThat(agent.shout(ctx, new GreetRequest("Ada", Optional.of("es"))).message())
        .isEqualTo("¡HOLA, ADA!");
    assertThat(ctx.lines).containsExactly("info: shouting at {} (attempt {})");
  }

  @Test
  void shoutFailsWithoutRetryForAnEmptyName() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> agent.shout(ctx, GreetRequest.of("")))
        .withMessage("name must not be empty");
  }

  @Test
  void workerRegistersItsFunctionsWithSchemasAndTriggers() {
    Worker worker = GreeterAgent.build(DispatchClient.builder().build());
    Map<String, FunctionSpec> functions =
        worker.functions().stream()
            .collect(Collectors.toMap(FunctionSpec::name, Function.identity()));

    assertThat(worker.config().agent()).isEqualTo("greeter");
    assertThat(functions).containsOnlyKeys("greet", "shout", "welcome", "hourly");
    assertThat(functions.get("welcome").triggers())
        .singleElement()
        .satisfies(t -> {
          assertThat(t.type()).isEqualTo("topic");
          assertThat(t.topic()).contains("greetings.*");
        });
    assertThat(functions.get("hourly").triggers())
        .extracting(t -> t.type())
        .containsExactly("callable", "schedule");
    JsonNode input = functions.get("greet").inputSchema().orElseThrow();
    assertThat(input.path("required").size()).isEqualTo(1);
    assertThat(input.path("required").path(0).asString()).isEqualTo("name");
    assertThat(input.path("properties").path("language").path("description").asString())
        .startsWith("Language code");
    assertThat(
            functions.get("shout").outputSchema().orElseThrow().path("properties").has("message"))
        .isTrue();
  }

  /** A hand-written Context that records log lines; no server behind it. */
  static final class RecordingContext implements Context, InvocationLogger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String invocationId() {
      return "inv-1";
    }

    @Override
    public String traceId() {
      return "trace-1";
    }

    @Override
    public Optional<String> parentId() {
      return Optional.empty();
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public String functionName() {
      return "shout";
    }

    @Override
    public String agentName() {
      return "greeter";
    }

    @Override
    public InvocationLogger logger() {
      return this;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void report(String type, Object data) {
      lines.add(type + ": " + data);
    }

    @Override
    public dev.agentdispatch.sdk.model.EventPublished emit(String topic, Object payload) {
      throw new UnsupportedOperationException("no server in this test");
    }

    @Override
    public void info(String format, Object... args) {
      lines.add("info: " + format);
    }

    @Override
    public void warn(String format, Object... args) {
      lines.add("warn: " + format);
    }

    @Override
    public void error(String format, Object... args) {
      lines.add("error: " + format);
    }

    @Override
    public InvocationCreated invoke(String agent, String function, Object payload) {
      throw new UnsupportedOperationException("not used by the greeter");
    }

    @Override
    public InvocationCreated invoke(
        String agent, String function, Object payload, InvokeOptions options) {
      throw new UnsupportedOperationException("not used by the greeter");
    }

    @Override
    public <T> T invokeAndWait(
        String agent, String function, Object payload, Duration timeout, Class<T> type) {
      throw new UnsupportedOperationException("not used by the greeter");
    }
  }
}
