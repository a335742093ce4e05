package dev.agentdispatch.bench.load;

import java.util.Optional;

/**
 * What a load run measured.
 *
 * @param elapsedNanos first enqueue started → last completion acknowledged
 * @param enqueueNanos first enqueue started → last enqueue answered
 * @param dispatch enqueue started → lease received by a worker
 * @param completion enqueue started → completion acknowledged
 * @param emptyLeaseCalls lease calls that returned nothing (woken for work another worker took, or
 *     timed out)
 */
public record LoadOutcome(
    long accepted,
    long completed,
    long failures,
    Optional<String> firstFailure,
    long elapsedNanos,
    long enqueueNanos,
    Percentiles dispatch,
    Percentiles completion,
    boolean timedOut,
    long leaseCalls,
    long emptyLeaseCalls) {

  public double throughputPerSecond() {
    return elapsedNanos <= 0 ? Double.NaN : completed / (elapsedNanos / 1e9);
  }

  public double enqueuePerSecond() {
    return enqueueNanos <= 0 ? Double.NaN : accepted / (enqueueNanos / 1e9);
  }
}
