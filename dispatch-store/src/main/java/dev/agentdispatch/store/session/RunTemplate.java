package dev.agentdispatch.store.session;

import dev.agentdispatch.core.invocation.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What every run of a session is created with, fixed when the session is made (from its function's
 * settings), so the store can start the next run on its own inside the transaction where the last
 * one ended.
 *
 * @param lane the agent's lane every run runs in; empty: the default lane
 */
public record RunTemplate(
    int priority,
    RetryPolicy retry,
    Duration timeout,
    Optional<Duration> attemptTimeout,
    Optional<String> lane) {
  /** Runs in the default lane. */
  public RunTemplate(
      int priority, RetryPolicy retry, Duration timeout, Optional<Duration> attemptTimeout) {
    this(priority, retry, timeout, attemptTimeout, Optional.empty());
  }

  public RunTemplate {
    Objects.requireNonNull(lane, "lane is null");
    Objects.requireNonNull(retry, "retry is null");
    Objects.requireNonNull(timeout, "timeout is null");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout is null");
  }
}
