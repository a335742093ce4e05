package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.InvocationError;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

class ErrorReportsTest {
  @Test
  void exceptionBecomesMessageSimpleTypeAndTrace() {
    CompletionResult result =
        ErrorReports.failure("l1", new IllegalStateException("database down"));

    assertThat(result.status()).isEqualTo("error");
    InvocationError error = result.error().orElseThrow();
    assertThat(error.error()).isEqualTo("database down");
    assertThat(error.errorType()).isEqualTo("IllegalStateException");
    assertThat(error.trace())
        .hasValueSatisfying(t ->
            assertThat(t)
                .startsWith("java.lang.IllegalStateException: database down")
                .contains("ErrorReportsTest.exceptionBecomesMessageSimpleTypeAndTrace"));
    assertThat(result.retryable()).isEmpty(); // retryable is the default
  }

  @Test
  void badInputIsNotRetryable() {
    assertThat(ErrorReports.failure("l", new IllegalArgumentException("x")).retryable())
        .contains(false);
    assertThat(ErrorReports.failure("l", new NumberFormatException("x")).retryable())
        .contains(false);
    assertThat(ErrorReports.failure("l", new NonRetryableException("x")).retryable())
        .contains(false);
    assertThat(ErrorReports.failure("l", new InvalidPayloadException("x", null)).retryable())
        .contains(false);
    assertThat(ErrorReports.failure("l", new IOException("x")).retryable()).isEmpty();
  }

  @Test
  void reflectionWrappersAreRemoved() {
    Throwable wrapped = new InvocationTargetException(new NonRetryableException("inner"));
    InvocationError error = ErrorReports.failure("l", wrapped).error().orElseThrow();

    assertThat(error.errorType()).isEqualTo("NonRetryableException");
    assertThat(error.error()).isEqualTo("inner");
  }

  @Test
  void missingMessageFallsBackToTheTypeAndAnonymousClassesKeepAName() {
    assertThat(ErrorReports.errorOf(new NullPointerException()).error())
        .isEqualTo("NullPointerException");
    RuntimeException anonymous = new RuntimeException("m") {};
    assertThat(ErrorReports.errorType(anonymous)).isEqualTo(anonymous.getClass().getName());
  }

  @Test
  void hugeTracesAreTruncated() {
    RuntimeException deep = new RuntimeException("deep");
    StackTraceElement frame =
        new StackTraceElement("a.very.long.package.name.Klass", "method", "Klass.java", 1);
    StackTraceElement[] frames = new StackTraceElement[5000];
    java.util.Arrays.fill(frames, frame);
    deep.setStackTrace(frames);

    String trace = ErrorReports.stackTrace(deep);

    assertThat(trace).hasSizeLessThan(ErrorReports.MAX_TRACE_CHARS + 100).endsWith("(truncated)");
  }
}
