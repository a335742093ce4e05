package dev.agentdispatch.examples.tasks;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Starts {@link Reviewer} and {@link Coder}, sends a stream of tasks without saying their types,
 * and prints where the router sent each (by the type it inferred) and what came back.
 *
 * <p>Run it against a server with {@code java ... TaskStream} (reads {@code DISPATCH_URL}, {@code
 * DISPATCH_NAMESPACE}, {@code DISPATCH_API_KEY}).
 */
public final class TaskStream {
  /** The titles sent: two reviews, two pieces of coding. */
  public static final List<String> TITLES =
      List.of(
          "Review the pull request for the login form",
          "Fix the bug in the orders endpoint",
          "Refactor the payment module",
          "Quick prototype of the export button");

  private TaskStream() {}

  /**
   * Sends the stream and waits until every task ended.
   *
   * @param client the client
   * @param timeout how long to wait for all of them
   * @return each task as it ended
   * @throws InterruptedException when interrupted while waiting
   */
  public static List<JsonNode> run(DispatchClient client, Duration timeout)
      throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (String title : TITLES) {
      ids.add(client.tasks().create(title, title, List.of("done well")).path("id").asString());
    }
    long end = System.nanoTime() + timeout.toNanos();
    List<JsonNode> done = new ArrayList<>();
    for (String id : ids) {
      JsonNode t = client.tasks().get(id);
      while (!t.path("status").asString().equals("completed") && System.nanoTime() < end) {
        Thread.sleep(100);
        t = client.tasks().get(id);
      }
      done.add(t);
    }
    return done;
  }

  /**
   * Runs the example.
   *
   * @param args unused
   * @throws InterruptedException when interrupted
   */
  @SuppressWarnings("try") // the workers serve while the stream runs; only closing them matters
  public static void main(String[] args) throws InterruptedException {
    DispatchClient client = DispatchClient.fromEnvironment();
    try (Worker reviewer = Reviewer.build(client).start();
        Worker coder = Coder.build(client).start()) {
      for (JsonNode t : run(client, Duration.ofSeconds(30))) {
        System.out.printf(
            "%-45s %-15s → %-9s %s%n",
            t.path("title").asString(),
            t.path("task_type").asString(),
            t.path("agent").asString(),
            t.path("result").path("summary").asString(t.path("status").asString()));
      }
    }
  }
}
