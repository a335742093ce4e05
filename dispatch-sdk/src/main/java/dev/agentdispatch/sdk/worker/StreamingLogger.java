package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.WorkerEvent;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;
import tools.jackson.databind.node.ObjectNode;

/**
 * An {@link InvocationLogger} that writes to SLF4J and streams each line as a {@code log} event.
 */
final class StreamingLogger implements InvocationLogger {
  private final Logger local;
  private final String invocationId;
  private final Consumer<WorkerEvent> events;
  private final Clock clock;

  StreamingLogger(Logger local, String invocationId, Consumer<WorkerEvent> events, Clock clock) {
    this.local = local;
    this.invocationId = invocationId;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public void info(String format, Object... args) {
    FormattingTuple line = MessageFormatter.arrayFormat(format, args);
    local.info("[{}] {}", invocationId, line.getMessage(), line.getThrowable());
    stream("info", line);
  }

  @Override
  public void warn(String format, Object... args) {
    FormattingTuple line = MessageFormatter.arrayFormat(format, args);
    local.warn("[{}] {}", invocationId, line.getMessage(), line.getThrowable());
    stream("warn", line);
  }

  @Override
  public void error(String format, Object... args) {
    FormattingTuple line = MessageFormatter.arrayFormat(format, args);
    local.error("[{}] {}", invocationId, line.getMessage(), line.getThrowable());
    stream("error", line);
  }

  private void stream(String level, FormattingTuple line) {
    ObjectNode data =
        Json.wire()
            .createObjectNode()
            .put("level", level)
            .put("message", line.getMessage())
            .put("ts", clock.instant().toString());
    if (line.getThrowable() != null) {
      data.put("error", line.getThrowable().toString());
    }
    events.accept(new WorkerEvent("log", data));
  }
}
