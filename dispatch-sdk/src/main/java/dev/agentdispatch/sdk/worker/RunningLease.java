package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.Lease;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One lease being worked on. Its state changes exactly once away from RUNNING, which decides the
 * single report the server gets: the handler's outcome (DONE), a cancel acknowledgement
 * (CANCELLED), or nothing (LOST, ABANDONED).
 */
final class RunningLease {
  enum State {
    RUNNING,
    DONE,
    CANCELLED,
    LOST,
    ABANDONED
  }

  private final Lease lease;
  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final SteeredInbox inbox = new SteeredInbox();
  private Thread thread;

  RunningLease(Lease lease) {
    this.lease = lease;
  }

  Lease lease() {
    return lease;
  }

  /** The steered inputs heartbeats delivered for this lease. */
  SteeredInbox inbox() {
    return inbox;
  }

  String leaseId() {
    return lease.leaseId();
  }

  State state() {
    return state.get();
  }

  boolean isStopRequested() {
    return state.get() != State.RUNNING && state.get() != State.DONE;
  }

  /** The handler ended; true when its outcome should be reported. */
  boolean finish() {
    return state.compareAndSet(State.RUNNING, State.DONE);
  }

  /** The server cancelled it; true when the cancel should be acknowledged. */
  boolean cancel() {
    return stop(State.CANCELLED);
  }

  /** The server no longer grants it; its outcome will not be sent. */
  boolean lose() {
    return stop(State.LOST);
  }

  /** The worker gave up on it at shutdown; the lease is left to expire. */
  boolean abandon() {
    return stop(State.ABANDONED);
  }

  private boolean stop(State next) {
    boolean changed = state.compareAndSet(State.RUNNING, next);
    if (changed) {
      interrupt();
    }
    return changed;
  }

  synchronized void attach(Thread handlerThread) {
    thread = handlerThread;
  }

  /** After this, no interrupt meant for this lease can reach the (possibly pooled) thread. */
  synchronized void detach() {
    thread = null;
  }

  private synchronized void interrupt() {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
