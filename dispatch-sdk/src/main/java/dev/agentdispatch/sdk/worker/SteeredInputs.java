package dev.agentdispatch.sdk.worker;

import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Inputs steered into a running session run (strategy {@code steer}). They arrive with heartbeats
 * (every third of the lease). Each one taken is reported with the run's result; one never taken
 * runs next in the session as a run of its own, so nothing is dropped.
 */
public interface SteeredInputs {
  /**
   * Takes the next steered input, if one has arrived.
   *
   * @return the input, or empty
   */
  Optional<JsonNode> poll();

  /**
   * Takes the next steered input, waiting up to {@code timeout} for one.
   *
   * @param timeout how long to wait
   * @return the input, or empty
   * @throws InterruptedException when the run is cancelled while waiting
   */
  Optional<JsonNode> poll(Duration timeout) throws InterruptedException;
}
