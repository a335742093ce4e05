package dev.agentdispatch.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch tasks create|list|show|retry|escalations|settings} (docs/task-routing.md). */
@Command(
    name = "tasks",
    mixinStandardHelpOptions = true,
    description = "Create and follow routed tasks.",
    subcommands = {
      TasksCommand.Create.class,
      TasksCommand.ListTasks.class,
      TasksCommand.Show.class,
      TasksCommand.Retry.class,
      TasksCommand.Escalations.class,
      TasksCommand.Settings.class
    })
final class TasksCommand implements Runnable {
  @Override
  public void run() {
    throw new CliException(
        "say what to do: dispatch tasks create|list|show|retry|escalations|settings (see --help)");
  }

  static void show(Output out, JsonNode t) {
    if (out.json()) {
      out.raw(t);
      return;
    }
    out.line(
        String.format(
            "%-36s  %-11s  %-24s  %-16s  %s — %s",
            t.path("id").asString(),
            t.path("status").asString(),
            t.path("task_type").asString(),
            t.path("agent").asString("-"),
            t.path("title").asString(),
            t.path("reason").asString()));
  }

  static void showPage(Output out, JsonNode page) {
    if (out.json()) {
      out.raw(page);
      return;
    }
    for (JsonNode t : page.path("items")) {
      show(out, t);
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a task.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "TITLE")
    String title;

    @Option(names = "--description")
    String description;

    @Option(names = "--criterion", description = "An acceptance criterion (repeatable).")
    List<String> criteria;

    @Option(names = "--type", description = "The task type; absent: inferred from the text.")
    String type;

    @Option(names = "--agent", description = "Pin the task to this agent.")
    String agent;

    @Option(names = "--issue", description = "TRACKER:OWNER/REPO#NUMBER, e.g. github:acme/web#7")
    String issue;

    @Option(names = "--idempotency-key")
    String idempotencyKey;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("title", title);
      put(body, "description", description);
      if (criteria != null) {
        body.put("acceptance_criteria", criteria);
      }
      put(body, "task_type", type);
      put(body, "agent", agent);
      put(body, "idempotency_key", idempotencyKey);
      if (issue != null) {
        body.put("issue", issue(issue));
      }
      show(client.output(), client.client().post("/tasks", body));
      return 0;
    }

    static Map<String, Object> issue(String spec) {
      int colon = spec.indexOf(':');
      int hash = spec.lastIndexOf('#');
      if (colon <= 0 || hash <= colon + 1 || hash == spec.length() - 1) {
        throw new CliException("--issue '" + spec + "' is not TRACKER:OWNER/REPO#NUMBER");
      }
      long number;
      try {
        number = Long.parseLong(spec.substring(hash + 1));
      } catch (NumberFormatException e) {
        throw new CliException("--issue '" + spec + "': the number is not a number");
      }
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("tracker", spec.substring(0, colon));
      i.put("repo", spec.substring(colon + 1, hash));
      i.put("number", number);
      return i;
    }

    private static void put(Map<String, Object> body, String key, String value) {
      if (value != null) {
        body.put(key, value);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks.")
  static final class ListTasks implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Option(names = "--status", description = "Only tasks of this status.")
    String status;

    @Override
    public Integer call() {
      Map<String, String> query = new LinkedHashMap<>();
      if (status != null) {
        query.put("status", status);
      }
      showPage(client.output(), client.client().get("/tasks", query));
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a task with its history.")
  static final class Show implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "TASK_ID")
    String id;

    @Override
    public Integer call() {
      Output out = client.output();
      JsonNode t = client.client().get("/tasks/" + id, Map.of());
      show(out, t);
      if (!out.json()) {
        for (JsonNode h : t.path("history")) {
          out.line(
              String.format(
                  "  %s  %-14s  %-11s  %s",
                  h.path("at").asString(),
                  h.path("event").asString(),
                  h.path("status").asString(),
                  h.path("reason").asString()));
        }
        out.line("  trace: " + t.path("links").path("trace").asString());
      }
      return 0;
    }
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Retry a failed, timed-out or escalated task.")
  static final class Retry implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "TASK_ID")
    String id;

    @Override
    public Integer call() {
      show(client.output(), client.client().post("/tasks/" + id + "/retry", Map.of()));
      return 0;
    }
  }

  @Command(
      name = "escalations",
      mixinStandardHelpOptions = true,
      description = "List escalated tasks, latest first.")
  static final class Escalations implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      showPage(client.output(), client.client().get("/tasks/escalations", Map.of()));
      return 0;
    }
  }

  @Command(
      name = "settings",
      mixinStandardHelpOptions = true,
      description =
          "Show the namespace's task settings, or replace them with --put (retry policy, "
              + "escalation webhook, webhook secrets, issue rule, trackers.<tracker>.repos, "
              + "verifiers).")
  static final class Settings implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Option(
        names = "--put",
        paramLabel = "JSON",
        description =
            "The whole settings document, e.g. '{\"trackers\":{\"github\":{\"repos\":"
                + "[\"acme/*\"]}},\"verifiers\":{\"code_review\":\"qa.verify_task\"}}'")
    String put;

    @Override
    public Integer call() {
      JsonNode settings =
          put == null
              ? client.client().get("/tasks/settings", Map.of())
              : client.client().put("/tasks/settings", InvokeCommand.parseJson(put));
      client.output().raw(settings);
      return 0;
    }
  }
}
