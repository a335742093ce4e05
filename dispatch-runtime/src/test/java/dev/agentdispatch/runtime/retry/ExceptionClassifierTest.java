package dev.agentdispatch.runtime.retry;

import static dev.agentdispatch.runtime.retry.FailureScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ExceptionClassifierTest {

  private static FailureScenario c(Throwable t) {
    return ExceptionClassifier.classify(t);
  }

  @Test
  void typesWalkTheCauseChainFirstMatchWins() {
    assertThat(c(new TimeoutException("x"))).isEqualTo(LLM_TIMEOUT);
    assertThat(c(new SocketTimeoutException("x"))).isEqualTo(LLM_TIMEOUT);
    assertThat(c(new ConnectException("x"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new IOException("x"))).isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new RuntimeException("wrapped", new ConnectException("no"))))
        .isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new tools.jackson.core.exc.StreamReadException(null, "bad json")))
        .isEqualTo(MEMORY_CORRUPTION);
  }

  @Test
  void causeCyclesTerminate() {
    RuntimeException a = new RuntimeException("plain");
    RuntimeException b = new RuntimeException("other", a);
    a.initCause(b);
    assertThat(c(a)).isEqualTo(LLM_ERROR);
  }

  @Test
  void messagesInSpecificationOrder() {
    assertThat(c(new RuntimeException("Request timed out"))).isEqualTo(LLM_TIMEOUT);
    assertThat(c(new RuntimeException("timeout while rate limit"))).isEqualTo(LLM_TIMEOUT);
    assertThat(c(new RuntimeException("HTTP 429 Too Many Requests"))).isEqualTo(LLM_ERROR);
    assertThat(c(new RuntimeException("context_length_exceeded"))).isEqualTo(CONTEXT_OVERFLOW);
    assertThat(c(new RuntimeException("maximum context reached"))).isEqualTo(CONTEXT_OVERFLOW);
    assertThat(c(new RuntimeException("malformed state"))).isEqualTo(MEMORY_CORRUPTION);
    assertThat(c(new RuntimeException("503 Service Unavailable"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new RuntimeException("401 unauthorized"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new RuntimeException("tool crashed with error"))).isEqualTo(TOOL_EXECUTION_ERROR);
    assertThat(c(new RuntimeException("tool"))).isEqualTo(LLM_ERROR);
    assertThat(c(new RuntimeException("no space left on device"))).isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new RuntimeException("database is locked"))).isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new RuntimeException("something odd"))).isEqualTo(LLM_ERROR);
    assertThat(c(new RuntimeException((String) null))).isEqualTo(LLM_ERROR);
  }

  @Test
  void onlyTheTopLevelMessageIsMatched() {
    assertThat(c(new RuntimeException("odd", new RuntimeException("timeout"))))
        .isEqualTo(LLM_ERROR);
  }
}
