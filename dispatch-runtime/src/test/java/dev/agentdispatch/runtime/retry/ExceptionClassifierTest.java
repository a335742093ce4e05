package dev.agentdispatch.runtime.retry;

import static dev.agentdispatch.runtime.retry.FailureScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
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

  /**
   * Java has one {@link SocketException} where Python has an errno-specific type: the connection
   * errors Python's {@code ConnectionError} family stands for (reset, refused, broken pipe,
   * aborted) are provider failures whatever I/O type carries them; every other I/O error is
   * Python's plain {@code OSError}, a dependency timeout.
   */
  @Test
  void javaNetworkExceptionsClassifyAsTheirPythonCounterparts() {
    // ConnectionResetError, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError
    assertThat(c(new SocketException("Connection reset"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new SocketException("Connection reset by peer"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new IOException("Connection reset by peer"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new SocketException("Broken pipe"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new IOException("Broken pipe (Write failed)"))).isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new SocketException("Software caused connection abort: recv failed")))
        .isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new PortUnreachableException("ICMP Port Unreachable")))
        .isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new ConnectException())).isEqualTo(PROVIDER_FAILURE);
    // A TLS stream reset by the peer, and a reset wrapped on its way up.
    assertThat(c(new SSLException("Connection reset", new SocketException("Connection reset"))))
        .isEqualTo(PROVIDER_FAILURE);
    assertThat(c(new UncheckedIOException(new SocketException("Connection reset"))))
        .isEqualTo(PROVIDER_FAILURE);
    // TimeoutError
    assertThat(c(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo(LLM_TIMEOUT);
    assertThat(c(new InterruptedByTimeoutException())).isEqualTo(LLM_TIMEOUT);
    // OSError: name resolution, routing, local binding, TLS, a closed socket, EOF
    assertThat(c(new UnknownHostException("api.invalid"))).isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new NoRouteToHostException("No route to host"))).isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new BindException("Address already in use"))).isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new SocketException("Socket closed"))).isEqualTo(DEPENDENCY_TIMEOUT);
    assertThat(c(new EOFException())).isEqualTo(DEPENDENCY_TIMEOUT);
    // The type pass still comes first: an OSError's message is not read for other scenarios.
    assertThat(c(new IOException("503 Service Unavailable"))).isEqualTo(DEPENDENCY_TIMEOUT);
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
