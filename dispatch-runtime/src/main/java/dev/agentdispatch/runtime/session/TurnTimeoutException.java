package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.retry.ExceptionClassifier;
import java.time.Duration;
import java.util.Locale;

/** A turn (or a batch of parallel tools) ran past its timeout. Classifies as LLM_TIMEOUT. */
public final class TurnTimeoutException extends RuntimeException
    implements ExceptionClassifier.TurnTimeoutMarker {
  private static final long serialVersionUID = 1L;
  private final Duration timeout;

  public TurnTimeoutException(Duration timeout) {
    super(String.format(Locale.ROOT, "turn exceeded timeout of %.3fs", timeout.toNanos() / 1e9));
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
