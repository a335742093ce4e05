package dev.agentdispatch.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.sdk.DispatchException;
import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.InvocationStatus;
import dev.agentdispatch.sdk.model.InvocationView;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvocationWaiterTest {
  record Greeting(String message) {}

  @Test
  void pollsWaitWholeSecondsBetweenOneAndTheServerCap() {
    assertThat(InvocationWaiter.waitSeconds(Duration.ofMillis(10))).isEqualTo(1);
    assertThat(InvocationWaiter.waitSeconds(Duration.ofMillis(2500))).isEqualTo(3);
    assertThat(InvocationWaiter.waitSeconds(Duration.ofMinutes(5))).isEqualTo(60);
  }

  @Test
  void completedViewGivesTheTypedResult() {
    InvocationView view = view("completed", "\"result\":{\"message\":\"Hello\"}");
    assertThat(InvocationWaiter.resultOf(view, Greeting.class)).isEqualTo(new Greeting("Hello"));
  }

  @Test
  void failedViewThrowsWithTheErrorAndItsType() {
    InvocationView view =
        view(
            "error",
            "\"error\":{\"error\":\"name must not be empty\",\"error_type\":\"IllegalArgumentException\"}");

    assertThatThrownBy(() -> InvocationWaiter.resultOf(view, Greeting.class))
        .isInstanceOfSatisfying(
            InvocationFailedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(InvocationStatus.ERROR);
              assertThat(e.errorType()).contains("IllegalArgumentException");
            })
        .hasMessage(
            "invocation inv-1 (greeter.shout) ended error after attempt 1/1: "
                + "IllegalArgumentException: name must not be empty");
  }

  @Test
  void timedOutAndCancelledAreFailuresToo() {
    assertThatThrownBy(() -> InvocationWaiter.resultOf(view("timed_out", ""), Greeting.class))
        .isInstanceOf(InvocationFailedException.class)
        .hasMessageContaining("ended timed_out");
    assertThatThrownBy(() -> InvocationWaiter.resultOf(view("cancelled", ""), Greeting.class))
        .isInstanceOf(InvocationFailedException.class)
        .hasMessageContaining("ended cancelled");
  }

  @Test
  void missingResultIsNullOnlyForVoid() {
    InvocationView view = view("completed", "\"result\":null");
    assertThat(InvocationWaiter.resultOf(view, Void.class)).isNull();
    assertThatThrownBy(() -> InvocationWaiter.resultOf(view, Greeting.class))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("completed without a result, but a Greeting was expected");
  }

  private static InvocationView view(String status, String extra) {
    String json =
        "{\"invocation_id\":\"inv-1\",\"agent\":\"greeter\",\"function\":\"shout\","
            + "\"status\":\""
            + status
            + "\",\"trace_id\":\"t\",\"attempt\":1,\"max_attempts\":1"
            + (extra.isEmpty() ? "" : "," + extra)
            + "}";
    return Json.wire().readValue(json, InvocationView.class);
  }
}
