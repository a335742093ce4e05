package dev.agentdispatch.runtime.otel;

import io.opentelemetry.api.trace.Span;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A span the runtime started and must end exactly once, whichever comes first: its own outcome, its
 * session ending around it, or the JVM shutting down. It is listed in {@link OpenSpans} while open.
 */
final class SpanHandle {
  private final Span span;
  private final OpenSpans open;
  private final Runnable onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final long key;

  /**
   * @param onEnd runs once the span has ended, however it ended
   */
  SpanHandle(Span span, OpenSpans open, Runnable onEnd) {
    this.span = span;
    this.open = open;
    this.onEnd = onEnd;
    this.key = open.add(this);
  }

  Span span() {
    return span;
  }

  boolean isOpen() {
    return !ended.get();
  }

  /** Applies {@code finish} and ends the span, unless it already ended; true if this call did. */
  boolean end(Consumer<Span> finish) {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    try {
      finish.accept(span);
    } finally {
      span.end();
      open.remove(key);
      onEnd.run();
    }
    return true;
  }

  /** Ends the span as an error of {@code errorType}, if it is still open. */
  void abandon(String errorType) {
    end(s -> Failures.error(s, errorType, errorType));
  }
}
