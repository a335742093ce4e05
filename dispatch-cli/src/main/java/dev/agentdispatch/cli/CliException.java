package dev.agentdispatch.cli;

/** A failure to report to the person at the terminal: one clear line and an exit code. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  static final int ERROR = 1;
  static final int INVOCATION_FAILED = 3;
  private final int exitCode;

  CliException(String message) {
    this(message, ERROR);
  }

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
