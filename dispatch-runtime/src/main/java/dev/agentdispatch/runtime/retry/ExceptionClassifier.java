package dev.agentdispatch.runtime.retry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.InterruptedByTimeoutException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Maps an exception to a {@link FailureScenario} in two passes.
 *
 * <p>Pass 1 walks the cause chain (with a seen-set against cycles); the first exception that
 * matches a type rule decides, the rules tried in order: timeouts → LLM_TIMEOUT; lost connections →
 * PROVIDER_FAILURE; JSON parse errors → MEMORY_CORRUPTION; other {@link IOException}s →
 * DEPENDENCY_TIMEOUT. Pass 2 matches substrings of the top-level message, lower-cased, in the
 * specification's order; anything else is LLM_ERROR.
 *
 * <p>The type rules are the Java counterparts of the specification's Python types. Its {@code
 * TimeoutError} is {@link TimeoutException}, {@link SocketTimeoutException}, {@link
 * HttpTimeoutException} and {@link InterruptedByTimeoutException}. Its {@code ConnectionError}
 * family (refused, reset, broken pipe, aborted) is {@link ConnectException} and {@link
 * PortUnreachableException}, and any I/O exception whose own message is one of those errors: Python
 * raises a distinct type for each errno, Java one {@link java.net.SocketException} (or a plain
 * {@link IOException} from a channel) that names the errno in its message, so the message is how
 * the type pass tells {@code SocketException("Connection reset")} from {@code
 * SocketException("Socket closed")}. Everything else of I/O, name resolution, routing, binding and
 * TLS included, is Python's plain {@code OSError}.
 */
public final class ExceptionClassifier {
  private static final List<Rule> MESSAGE_RULES =
      List.of(
          new Rule(FailureScenario.LLM_TIMEOUT, "timeout", "timed out"),
          new Rule(FailureScenario.LLM_ERROR, "rate limit", "429", "too many requests"),
          new Rule(
              FailureScenario.CONTEXT_OVERFLOW,
              "context length",
              "token limit",
              "maximum context",
              "too many tokens",
              "context_length_exceeded"),
          new Rule(FailureScenario.MEMORY_CORRUPTION, "corrupt", "malformed"),
          new Rule(
              FailureScenario.PROVIDER_FAILURE,
              "connection refused",
              "connection reset",
              "503",
              "502",
              "service unavailable",
              "bad gateway"),
          new Rule(FailureScenario.PROVIDER_FAILURE, "401", "unauthorized", "authentication"));

  /** The OS texts of the errnos behind Python's ConnectionError family (ECONNRESET, EPIPE, ...). */
  private static final List<String> LOST_CONNECTION =
      List.of("connection reset", "broken pipe", "connection abort", "connection refused");

  private static final List<String> DEPENDENCY_WORDS =
      List.of(
          "dependency",
          "downstream",
          "upstream",
          "external service",
          "dependent",
          "database",
          "sqlite",
          "disk",
          "filesystem",
          "file system",
          "i/o error",
          "io error",
          "input/output",
          "no space left",
          "read-only");

  private ExceptionClassifier() {}

  /** Classifies {@code error}; never fails. */
  public static FailureScenario classify(Throwable error) {
    FailureScenario byType = byType(error);
    if (byType != null) {
      return byType;
    }
    return byMessage(error.getMessage());
  }

  private static FailureScenario byType(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      FailureScenario s = typeOf(t);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  private static FailureScenario typeOf(Throwable t) {
    if (t instanceof TimeoutException
        || t instanceof SocketTimeoutException
        || t instanceof HttpTimeoutException
        || t instanceof InterruptedByTimeoutException
        || t instanceof TurnTimeoutMarker) {
      return FailureScenario.LLM_TIMEOUT;
    }
    if (t instanceof ConnectException
        || t instanceof PortUnreachableException
        || (t instanceof IOException && namesLostConnection(t.getMessage()))) {
      return FailureScenario.PROVIDER_FAILURE;
    }
    if (isJsonParseError(t)) {
      return FailureScenario.MEMORY_CORRUPTION;
    }
    if (t instanceof IOException) {
      return FailureScenario.DEPENDENCY_TIMEOUT;
    }
    return null;
  }

  private static boolean namesLostConnection(String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return LOST_CONNECTION.stream().anyMatch(text::contains);
  }

  private static boolean isJsonParseError(Throwable t) {
    // Matched by name so that neither Jackson 2 nor Jackson 3 is needed on the classpath here.
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      String n = c.getName();
      if (n.equals("tools.jackson.core.exc.StreamReadException")
          || n.equals("com.fasterxml.jackson.core.JsonProcessingException")
          || n.equals("com.google.gson.JsonParseException")) {
        return true;
      }
    }
    return false;
  }

  static FailureScenario byMessage(String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    for (Rule rule : MESSAGE_RULES) {
      if (rule.matches(text)) {
        return rule.scenario;
      }
    }
    if (text.contains("tool") && (text.contains("error") || text.contains("failed"))) {
      return FailureScenario.TOOL_EXECUTION_ERROR;
    }
    if (DEPENDENCY_WORDS.stream().anyMatch(text::contains)) {
      return FailureScenario.DEPENDENCY_TIMEOUT;
    }
    return FailureScenario.LLM_ERROR;
  }

  /**
   * Implemented by exceptions that must classify as LLM_TIMEOUT whatever their Java type (the
   * session's turn timeout, which Python classifies through its message).
   */
  public interface TurnTimeoutMarker {}

  private record Rule(FailureScenario scenario, List<String> needles) {
    Rule(FailureScenario scenario, String... needles) {
      this(scenario, List.of(needles));
    }

    boolean matches(String text) {
      return needles.stream().anyMatch(text::contains);
    }
  }
}
