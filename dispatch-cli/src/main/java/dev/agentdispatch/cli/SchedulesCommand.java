package dev.agentdispatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch schedules create|list|pause|resume|delete}. */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = "Manage cron schedules.",
    subcommands = {
      SchedulesCommand.Create.class,
      SchedulesCommand.ListSchedules.class,
      SchedulesCommand.Pause.class,
      SchedulesCommand.Resume.class,
      SchedulesCommand.Delete.class
    })
final class SchedulesCommand implements Runnable {
  @Override
  public void run() {
    throw new CliException(
        "say what to do: dispatch schedules create|list|pause|resume|delete (see --help)");
  }

  static void show(Output out, JsonNode s) {
    if (out.json()) {
      out.raw(s);
      return;
    }
    out.line(
        String.format(
            "%-36s  %-24s  %-20s  %-16s  %-14s  %-6s  %s",
            s.path("id").asString(),
            s.path("name").asString(),
            s.path("agent").asString() + "." + s.path("function").asString(),
            s.path("cron").asString(),
            s.path("timezone").asString(),
            s.path("paused").asBoolean() ? "paused" : "active",
            s.hasNonNull("next_fire_at")
                ? "next " + s.path("next_fire_at").asString()
                : "never again"));
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a schedule.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "AGENT.FUNCTION")
    String target;

    @Option(names = "--cron", required = true, description = "5 fields, or 6 with leading seconds.")
    String cron;

    @Option(
        names = "--timezone",
        defaultValue = "UTC",
        description = "IANA zone (default ${DEFAULT-VALUE}).")
    String timezone;

    @Option(names = "--payload", defaultValue = "{}")
    String payload;

    @Option(names = "--name")
    String name;

    @Option(names = "--overlap", description = "skip (default) or allow.")
    String overlap;

    @Option(names = "--catchup", description = "one (default) or none.")
    String catchup;

    @Option(names = "--paused")
    boolean paused;

    @Override
    public Integer call() {
      int dot = target.indexOf('.');
      if (dot <= 0 || dot == target.length() - 1) {
        throw new CliException("'" + target + "' is not AGENT.FUNCTION, e.g. reports.daily");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("agent", target.substring(0, dot));
      body.put("function", target.substring(dot + 1));
      body.put("cron", cron);
      body.put("timezone", timezone);
      body.put("payload", InvokeCommand.parseJson(payload));
      body.put("paused", paused);
      putIfSet(body, "name", name);
      putIfSet(body, "overlap", overlap);
      putIfSet(body, "catchup", catchup);
      show(client.output(), client.client().post("/schedules", body));
      return 0;
    }

    private static void putIfSet(Map<String, Object> body, String key, String value) {
      if (value != null) {
        body.put(key, value);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List schedules.")
  static final class ListSchedules implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      JsonNode page = client.client().get("/schedules", Map.of());
      if (client.output().json()) {
        client.output().raw(page);
        return 0;
      }
      for (JsonNode s : page.path("items")) {
        show(client.output(), s);
      }
      return 0;
    }
  }

  /** Pauses or resumes one schedule. */
  abstract static class SetPaused implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "SCHEDULE_ID")
    String id;

    abstract boolean paused();

    @Override
    public Integer call() {
      show(client.output(), client.client().patch("/schedules/" + id, Map.of("paused", paused())));
      return 0;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a schedule.")
  static final class Pause extends SetPaused {
    @Override
    boolean paused() {
      return true;
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Resume a paused schedule (from now on).")
  static final class Resume extends SetPaused {
    @Override
    boolean paused() {
      return false;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a schedule.")
  static final class Delete implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(index = "0", paramLabel = "SCHEDULE_ID")
    String id;

    @Override
    public Integer call() {
      client.client().delete("/schedules/" + id);
      client.output().line("deleted " + id);
      return 0;
    }
  }
}
