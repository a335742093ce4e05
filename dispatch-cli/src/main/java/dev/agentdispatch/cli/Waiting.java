package dev.agentdispatch.cli;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Long-poll waits for an invocation to end, showing progress on stderr. */
final class Waiting {
  private static final Set<String> TERMINAL =
      Set.of("completed", "error", "cancelled", "timed_out");

  private Waiting() {}

  static JsonNode untilDone(ApiClient api, String id, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    JsonNode inv = api.get("/invocations/" + id, Map.of());
    while (!TERMINAL.contains(inv.path("status").asString())) {
      long left = (deadline - System.nanoTime()) / 1_000_000_000L;
      if (left <= 0) {
        System.err.println(
            "still "
                + inv.path("status").asString()
                + " after "
                + seconds
                + " s; 'dispatch get "
                + id
                + "' shows it later");
        return inv;
      }
      System.err.printf(
          "\rwaiting for %s: %s (attempt %d) ...",
          id, inv.path("status").asString(), inv.path("attempt").asInt());
      inv =
          api.get("/invocations/" + id, Map.of("wait_seconds", String.valueOf(Math.min(left, 10))));
    }
    System.err.print("\r");
    return inv;
  }

  /** 0 when completed, 3 when the invocation ended otherwise (or is still running). */
  static int exitCode(JsonNode inv) {
    return "completed".equals(inv.path("status").asString()) ? 0 : CliException.INVOCATION_FAILED;
  }
}
