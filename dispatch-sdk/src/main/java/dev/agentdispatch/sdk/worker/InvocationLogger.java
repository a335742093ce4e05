package dev.agentdispatch.sdk.worker;

/**
 * A logger bound to one invocation. Each line goes to the local log (SLF4J) and, best-effort, to
 * the invocation's event log on the server. Formats use SLF4J's {@code {}} placeholders; a trailing
 * {@link Throwable} argument is logged with its stack trace.
 */
public interface InvocationLogger {
  /**
   * Logs progress worth seeing.
   *
   * @param format the message with {@code {}} placeholders
   * @param args the values
   */
  void info(String format, Object... args);

  /**
   * Logs something unexpected that the handler survived.
   *
   * @param format the message with {@code {}} placeholders
   * @param args the values
   */
  void warn(String format, Object... args);

  /**
   * Logs a failure.
   *
   * @param format the message with {@code {}} placeholders
   * @param args the values
   */
  void error(String format, Object... args);
}
