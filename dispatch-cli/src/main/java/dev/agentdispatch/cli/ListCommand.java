package dev.agentdispatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dispatch list [--status ...]}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List invocations, newest first.")
final class ListCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Option(names = "--status")
  String status;

  @Option(names = "--agent")
  String agent;

  @Option(names = "--function")
  String function;

  @Option(names = "--trace")
  String trace;

  @Option(names = "--dead-letter", description = "Only invocations on the dead-letter list.")
  boolean deadLetter;

  @Option(names = "--limit", defaultValue = "20")
  int limit;

  @Option(names = "--cursor")
  String cursor;

  @Override
  public Integer call() {
    Map<String, String> q = new LinkedHashMap<>();
    put(q, "status", status);
    put(q, "agent", agent);
    put(q, "function", function);
    put(q, "trace_id", trace);
    put(q, "cursor", cursor);
    q.put("limit", String.valueOf(limit));
    if (deadLetter) {
      q.put("dead_letter", "true");
    }
    client.output().invocationTable(client.client().get("/invocations", q));
    return 0;
  }

  private static void put(Map<String, String> q, String key, String value) {
    if (value != null) {
      q.put(key, value);
    }
  }
}
