package dev.agentdispatch.bench.load;

import dev.agentdispatch.bench.Progress;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one {@link LoadPlan} against a push agent: the producers enqueue through {@code /v1} as for
 * pull, the server pushes each attempt to the harness's {@link PushAgent}, which answers at once.
 * The run is over when the agent has answered every accepted invocation and the server has none of
 * the agent's left pending or running (its completions are durable): that moment ends the
 * throughput interval, as the last acknowledged completion does for pull.
 */
public final class PushRun {
  /** Between two "anything left?" checks once the agent has answered everything. */
  private static final long CHECK_EVERY_NANOS = 2_000_000;

  private PushRun() {}

  /**
   * What a push run measured.
   *
   * @param completed invocations the agent answered (each counted once); the server recorded them
   *     all unless {@code unfinished}
   * @param elapsedNanos first enqueue started → the server had nothing of the agent's left
   * @param dispatch enqueue call started → call arrived at the agent
   * @param fromAccepted enqueue call answered → call arrived at the agent (single enqueues only)
   * @param unfinished whether the server still had the agent's invocations pending or running
   */
  public record Outcome(
      long accepted,
      long completed,
      long failures,
      Optional<String> firstFailure,
      long elapsedNanos,
      Percentiles dispatch,
      Percentiles fromAccepted,
      boolean timedOut,
      boolean unfinished) {
    public double throughputPerSecond() {
      return elapsedNanos <= 0 ? Double.NaN : completed / (elapsedNanos / 1e9);
    }
  }

  @SuppressWarnings("try") // the progress bar is held open while the phase runs, never referenced
  public static Outcome run(
      BenchApi api, PushAgent agent, LoadPlan plan, Progress progress, String label)
      throws InterruptedException {
    RunState state = new RunState(plan.maxTime().toNanos());
    PushRecorder recorder = new PushRecorder(state);
    agent.record(recorder);
    Producer producer =
        new Producer(
            api,
            plan.agent(),
            plan.function(),
            new Payloads(plan.payloadBytes()),
            state,
            (body, nanos) -> id(body).ifPresent(id -> recorder.accepted(id, nanos)));
    boolean unfinished;
    long end;
    try (Progress.Bar bar = progress.start(label, plan.count(), state::completedCount)) {
      if (plan.fixedRate()) {
        producer.fixedRate(plan.count(), plan.rate());
      } else {
        producer.closedLoop(plan.count(), plan.concurrency(), plan.enqueueBatch());
      }
      while (!state.finished()) {
        LockSupport.parkNanos(CHECK_EVERY_NANOS / 2);
      }
      unfinished = true;
      while (!state.timedOut() && (unfinished = leftOnServer(api, plan.agent(), state))) {
        LockSupport.parkNanos(CHECK_EVERY_NANOS);
      }
      end = System.nanoTime();
    } finally {
      agent.record(null);
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long completed = Math.min(state.completedCount(), recorder.arrivedCount());
    return new Outcome(
        state.acceptedCount(),
        completed,
        state.failureCount(),
        Optional.ofNullable(state.firstFailure()),
        state.completedCount() == 0 ? 0 : end - state.startNanos(),
        recorder.dispatch(),
        recorder.fromAccepted(),
        state.timedOut(),
        unfinished);
  }

  private static boolean leftOnServer(BenchApi api, String agent, RunState state) {
    try {
      return api.any(agent, "pending") || api.any(agent, "running");
    } catch (RuntimeException e) {
      state.failed(e);
      return true;
    }
  }

  /** The {@code invocation_id} of a create's answer, read without a JSON parser. */
  static Optional<String> id(String answer) {
    String key = "\"invocation_id\":\"";
    int from = answer.indexOf(key);
    if (from < 0) {
      return Optional.empty();
    }
    from += key.length();
    int to = answer.indexOf('"', from);
    return to < 0 ? Optional.empty() : Optional.of(answer.substring(from, to));
  }
}
