package dev.agentdispatch.bench.load;

import dev.agentdispatch.sdk.worker.Fn;

/**
 * The no-op function the SDK worker serves in the {@code sdk} scenario: it stamps the dispatch
 * latency of each payload it is given and counts the invocation done when it returns (the SDK then
 * completes it in its batch).
 */
public final class SdkNoop {
  /** A payload as {@link Payloads} writes it. */
  public record Stamped(long t, String pad) {}

  /** The result: nothing. */
  public record Done() {}

  private final RunState state;
  private final Samples dispatch = new Samples();

  SdkNoop(RunState state) {
    this.state = state;
  }

  @Fn(description = "does nothing (benchmark)")
  public Done noop(Stamped in) {
    if (in.t() != 0) {
      long latency = System.nanoTime() - in.t();
      synchronized (dispatch) { // handlers run on many threads; Samples has one owner
        dispatch.add(latency);
      }
    }
    state.leased(1);
    state.completed(1);
    return new Done();
  }

  Samples dispatch() {
    return dispatch;
  }
}
