package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.CompletionResult;
import dev.agentdispatch.sdk.model.InvocationError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Optional;

/** Turns a handler's exception into the error report the server records. */
final class ErrorReports {
  /** Bound on the stack trace sent, so a deep trace cannot push a completion over size limits. */
  static final int MAX_TRACE_CHARS = 16_000;

  private ErrorReports() {}

  static CompletionResult failure(String leaseId, Throwable thrown) {
    Throwable error = unwrap(thrown);
    return CompletionResult.error(leaseId, errorOf(error), isRetryable(error));
  }

  static InvocationError errorOf(Throwable error) {
    String type = errorType(error);
    String message =
        error.getMessage() == null || error.getMessage().isBlank() ? type : error.getMessage();
    return new InvocationError(message, type, Optional.of(stackTrace(error)), Optional.empty());
  }

  /** Bad input will be just as bad on the next attempt. */
  static boolean isRetryable(Throwable error) {
    return !(error instanceof NonRetryableException || error instanceof IllegalArgumentException);
  }

  static String errorType(Throwable error) {
    String simple = error.getClass().getSimpleName();
    return simple.isEmpty() ? error.getClass().getName() : simple;
  }

  static Throwable unwrap(Throwable thrown) {
    Throwable error = thrown;
    while ((error instanceof InvocationTargetException
            || error instanceof UndeclaredThrowableException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    String trace = out.toString();
    return trace.length() <= MAX_TRACE_CHARS
        ? trace
        : trace.substring(0, MAX_TRACE_CHARS) + "\n\t... (truncated)";
  }
}
