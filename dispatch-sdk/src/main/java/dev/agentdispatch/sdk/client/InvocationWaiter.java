package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.DispatchException;
import dev.agentdispatch.sdk.model.InvocationStatus;
import dev.agentdispatch.sdk.model.InvocationView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits for an invocation to end with server-side long polls ({@code ?wait_seconds=}). */
final class InvocationWaiter {
  /** The server caps one long poll at this many seconds. */
  static final int MAX_WAIT_SECONDS = 60;

  private final DispatchClient client;
  private final Clock clock;

  InvocationWaiter(DispatchClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  InvocationView awaitTerminal(String invocationId, Duration timeout) {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    InvocationStatus last = InvocationStatus.PENDING;
    while (true) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new InvocationWaitTimeoutException(
            invocationId, last, Duration.between(start, clock.instant()));
      }
      InvocationView view = client.get(invocationId, waitSeconds(left));
      if (view.status().isTerminal()) {
        return view;
      }
      last = view.status();
    }
  }

  /** Whole seconds to wait in the next poll: at least 1, at most the server's cap. */
  static int waitSeconds(Duration left) {
    long seconds = InvokeRequest.ceilSeconds(left);
    return (int) Math.max(1, Math.min(MAX_WAIT_SECONDS, seconds));
  }

  /** The typed result of a terminal view, or the failure it ended in. */
  static <T> T resultOf(InvocationView view, Class<T> type) {
    if (view.status() != InvocationStatus.COMPLETED) {
      throw new InvocationFailedException(view);
    }
    if (view.result().isEmpty()) {
      if (type == Void.class) {
        return null;
      }
      throw new DispatchException(
          "invocation "
              + view.invocationId()
              + " ("
              + view.qualifiedFunction()
              + ") completed without a result, but a "
              + type.getSimpleName()
              + " was expected");
    }
    return view.resultAs(type).orElseThrow();
  }
}
