package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.SteeredInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The steered inputs of one lease: heartbeats offer them (again and again until reported), the
 * handler takes them in order, and the taken ids go back with the result.
 */
final class SteeredInbox implements SteeredInputs {
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final LinkedBlockingQueue<SteeredInput> queue = new LinkedBlockingQueue<>();
  private final List<String> taken = new ArrayList<>();

  /** Adds the inputs not offered before, in order. */
  void offer(List<SteeredInput> inputs) {
    for (SteeredInput in : inputs) {
      if (seen.add(in.inputId())) {
        queue.add(in);
      }
    }
  }

  @Override
  public Optional<JsonNode> poll() {
    return take(queue.poll());
  }

  @Override
  public Optional<JsonNode> poll(Duration timeout) throws InterruptedException {
    return take(queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  private Optional<JsonNode> take(SteeredInput in) {
    if (in == null) {
      return Optional.empty();
    }
    synchronized (taken) {
      taken.add(in.inputId());
    }
    return Optional.of(in.input());
  }

  /** The ids of the inputs the handler took. */
  List<String> taken() {
    synchronized (taken) {
      return List.copyOf(taken);
    }
  }
}
