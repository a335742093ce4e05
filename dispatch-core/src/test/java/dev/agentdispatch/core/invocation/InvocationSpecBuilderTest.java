package dev.agentdispatch.core.invocation;

import static dev.agentdispatch.core.invocation.Invocations.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationSpecBuilderTest {

  private static InvocationSpec.Builder bare() {
    return InvocationSpec.builder("inv-1", "default", "agent", "fn");
  }

  private static InvocationSpec.Builder minimal() {
    return bare().payloadJson("{}").traceId("trace-1").createdAt(T0);
  }

  @Test
  void unsetFieldsTakeTheDocumentedDefaults() {
    InvocationSpec spec = minimal().build();
    assertThat(spec)
        .isEqualTo(
            new InvocationSpec(
                "inv-1",
                "default",
                "agent",
                "fn",
                "{}",
                InvocationSpec.DEFAULT_PRIORITY,
                RetryPolicy.DEFAULT,
                InvocationSpec.DEFAULT_TIMEOUT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "trace-1",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Message.FUNCTION,
                T0));
  }

  @Test
  void everySetterReachesItsComponent() {
    RetryPolicy retry = Invocations.policy(2, List.of("Fatal"));
    Message message = Message.schedule("nightly");
    InvocationSpec spec =
        minimal()
            .priority(9)
            .retry(retry)
            .timeout(Duration.ofSeconds(60))
            .attemptTimeout(Optional.of(Duration.ofSeconds(10)))
            .idempotencyKey(Optional.of("key"))
            .requestHash(Optional.of("hash"))
            .parentId(Optional.of("parent"))
            .sessionId(Optional.of("session"))
            .concurrencyKey(Optional.of("lane"))
            .message(message)
            .build();
    assertThat(spec)
        .isEqualTo(
            new InvocationSpec(
                "inv-1",
                "default",
                "agent",
                "fn",
                "{}",
                9,
                retry,
                Duration.ofSeconds(60),
                Optional.of(Duration.ofSeconds(10)),
                Optional.of("key"),
                Optional.of("hash"),
                "trace-1",
                Optional.of("parent"),
                Optional.of("session"),
                Optional.of("lane"),
                message,
                T0));
  }

  @Test
  void aParentSpanIsSixteenLowerCaseHexDigits() {
    assertThat(minimal().parentSpanId(Optional.of("00f067aa0ba902b7")).build().parentSpanId())
        .contains("00f067aa0ba902b7");
    assertThat(minimal().build().parentSpanId()).isEmpty();
    for (String bad : List.of("00F067AA0BA902B7", "00f067aa0ba902", "0000000000000000")) {
      assertThatThrownBy(minimal().parentSpanId(Optional.of(bad))::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("parentSpanId");
    }
  }

  @Test
  void aMissingRequiredFieldIsNamedAtBuild() {
    assertThatThrownBy(bare().traceId("t").createdAt(T0)::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("payloadJson");
    assertThatThrownBy(bare().payloadJson("{}").createdAt(T0)::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("traceId");
    assertThatThrownBy(bare().payloadJson("{}").traceId("t")::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("createdAt");
  }

  @Test
  void theRecordStillChecksRangesAndNullsAreRefusedAtOnce() {
    assertThatThrownBy(() -> minimal().priority(10).build()).hasMessageContaining("priority");
    assertThatThrownBy(() -> minimal().timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> minimal().parentId(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> InvocationSpec.builder("inv-1", null, "agent", "fn"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("namespace");
  }
}
