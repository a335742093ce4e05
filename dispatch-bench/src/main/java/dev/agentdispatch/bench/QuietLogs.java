package dev.agentdispatch.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * The harness's own JVM logs only warnings: the report (and {@code --json}) goes to stdout, where
 * the server's INFO lines from an in-process peer or server would otherwise land in the middle of
 * it.
 */
final class QuietLogs {
  private QuietLogs() {}

  static void apply() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.WARN);
    }
  }
}
