package dev.agentdispatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.auth.KeySecrets;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real server: output, exit codes and error messages. */
class CliTest {
  @TempDir static Path dir;
  static TestServer server;
  static Worker worker;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    worker =
        Worker.builder()
            .client(server.client())
            .agent(TestAgent.NAME)
            .register(new TestAgent())
            .pollWait(Duration.ofSeconds(1))
            .gracePeriod(Duration.ofSeconds(1))
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    worker.stop();
    server.close();
  }

  private static synchronized Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = DispatchCommand.run(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void invokeWaitPrintsTheResultAndExitsZero() {
    Run r = run("invoke", "tester.echo", "{\"text\":\"cli\"}", "--wait", "--server", server.url());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("COMPLETED").contains("\"echo:cli\"");
  }

  @Test
  void aFailedInvocationExitsThreeAndJsonIsPassedThrough() {
    Run r =
        run(
            "invoke",
            "tester.invalid",
            "{\"text\":\"x\"}",
            "--wait",
            "--json",
            "--server",
            server.url());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("\"error_type\" : \"IllegalArgumentException\"");
  }

  @Test
  void refusalsAreExplainedWithExitOne() {
    Run unknown = run("invoke", "ghost.fn", "{}", "--server", server.url());
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).contains("404").contains("agent 'ghost' is not registered");
    Run badJson = run("invoke", "tester.echo", "{oops", "--server", server.url());
    assertThat(badJson.exit()).isEqualTo(1);
    assertThat(badJson.err()).contains("not valid JSON");
    Run badTarget = run("invoke", "tester", "{}", "--server", server.url());
    assertThat(badTarget.err()).contains("AGENT.FUNCTION");
  }

  @Test
  void serverRefusesAConfigFileWithAnUnknownKeyNamingItAndTheFile() throws Exception {
    Path file =
        java.nio.file.Files.writeString(
            dir.resolve("dispatch.toml"),
            "[[llm.providers]]\nnamespace = \"default\"\nname = \"p\"\nformat = \"openai\"\n"
                + "base_url = \"https://p.test\"\nmodle = \"m\"\n");
    Run r =
        run(
            "server",
            "--port",
            "0",
            "--db",
            "sqlite:" + dir.resolve("never.db"),
            "--config",
            file.toString());
    assertThat(r.exit()).isEqualTo(CliException.ERROR);
    assertThat(r.err()).contains("unknown key 'llm.providers[0].modle'", file.toString());
    assertThat(dir.resolve("never.db")).doesNotExist();
  }

  @Test
  void serverRefusesAnUnknownLogFormatBeforeItStarts() {
    Run r =
        run(
            "server",
            "--port",
            "0",
            "--db",
            "sqlite:" + dir.resolve("never-logged.db"),
            "--log-format",
            "xml");
    assertThat(r.exit()).isEqualTo(CliException.ERROR);
    assertThat(r.err()).contains("--log-format", "'xml'", "text or json");
    assertThat(dir.resolve("never-logged.db")).doesNotExist();
  }

  @Test
  void anUnreachableServerIsNamed() {
    Run r = run("list", "--server", "http://127.0.0.1:1");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("cannot reach the Agent Dispatch server at http://127.0.0.1:1");
  }

  @Test
  void listAndAgentsShowWhatIsThere() {
    run("invoke", "tester.echo", "{\"text\":\"listed\"}", "--wait", "--server", server.url());
    assertThat(run("list", "--server", server.url()).out())
        .contains("tester.echo")
        .contains("completed");
    assertThat(run("agents", "--server", server.url()).out())
        .contains("tester")
        .contains("healthy");
  }

  @Test
  void keysAreCreatedListedAndRevokedOnTheDatabase() {
    String db = "sqlite:" + dir.resolve("keys.db");
    Run created = run("keys", "create", "--role", "client", "--name", "ci", "--db", db);
    assertThat(created.exit()).isZero();
    String secret = created.out().trim();
    assertThat(secret).startsWith("adk_").hasSize(68);
    String prefix = secret.substring(0, 12);
    assertThat(run("keys", "list", "--db", db).out()).contains(prefix).contains("active");
    assertThat(run("keys", "revoke", prefix, "--db", db).exit()).isZero();
    assertThat(run("keys", "list", "--db", db).out()).contains("revoked");
    assertThat(run("keys", "revoke", "nope", "--db", db).exit()).isEqualTo(1);
    Run scoped =
        run("keys", "create", "--role", "worker", "--agents", "triage,billing", "--db", db);
    assertThat(scoped.exit()).isZero();
    assertThat(scoped.err()).contains("agents billing,triage");
    assertThat(run("keys", "list", "--db", db).out()).contains("billing,triage");
    Run badAgent = run("keys", "create", "--role", "worker", "--agents", "no good", "--db", db);
    assertThat(badAgent.exit()).isEqualTo(1);
    assertThat(badAgent.err()).contains("'no good' is not a valid agent name");
    Run badRole = run("keys", "create", "--role", "king", "--db", db);
    assertThat(badRole.exit()).isEqualTo(1);
    assertThat(badRole.err()).contains("--role 'king'");
  }

  /**
   * Revoking a leaked key must not need downtime (issue 19, #4): the key commands work on the file
   * of a server that is writing to it under load, and the server sees their changes at once.
   */
  @Test
  void keysWorkOnTheFileOfARunningServerUnderLoad() throws Exception {
    String db = "sqlite:" + dir.resolve("dispatch.db");
    AtomicBoolean loading = new AtomicBoolean(true);
    Thread load =
        Thread.ofVirtual()
            .start(() -> {
              while (loading.get()) {
                server.post(
                    "/v1/namespaces/default/invocations",
                    "{\"agent\":\"nobody\",\"function\":\"f\",\"payload\":{}}");
              }
            });
    try {
      for (int i = 0; i < 5; i++) {
        Run created = run("keys", "create", "--role", "admin", "--name", "live" + i, "--db", db);
        assertThat(created.exit()).as(created.err()).isZero();
        String secret = created.out().trim();
        var stored = server.server().store().keys().findByHash(KeySecrets.hash(secret));
        assertThat(stored).isPresent();
        Run revoked = run("keys", "revoke", secret.substring(0, 12), "--db", db);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(server.server().store().keys().findByHash(KeySecrets.hash(secret)))
            .hasValueSatisfying(k -> assertThat(k.active()).isFalse());
        assertThat(run("keys", "list", "--db", db).exit()).isZero();
      }
    } finally {
      loading.set(false);
      load.join();
    }
  }

  @Test
  void publishReportsTheFanOut() {
    server.put(
        "/v1/namespaces/default/agents/listener",
        "{\"functions\":[{\"name\":\"hear\",\"triggers\":[{\"type\":\"topic\",\"topic\":\"cli.*\"}]}]}");
    Run r = run("publish", "cli.hello", "{\"x\":1}", "--server", server.url());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("on cli.hello: 1 handler(s)");
    Run bad = run("publish", "cli..hello", "{}", "--server", server.url());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("empty segment");
  }

  @Test
  void schedulesAreCreatedPausedListedAndDeleted() {
    Run created =
        run(
            "schedules",
            "create",
            "tester.echo",
            "--cron",
            "0 9 * * MON-FRI",
            "--timezone",
            "Europe/Berlin",
            "--payload",
            "{\"text\":\"morning\"}",
            "--name",
            "mornings",
            "--json",
            "--server",
            server.url());
    assertThat(created.exit()).as(created.err()).isZero();
    String id = created.out().replaceAll("(?s).*\"id\" : \"([^\"]+)\".*", "$1");
    assertThat(run("schedules", "pause", id, "--server", server.url()).out()).contains("paused");
    assertThat(run("schedules", "list", "--server", server.url()).out())
        .contains("mornings")
        .contains("tester.echo");
    Run badCron =
        run("schedules", "create", "tester.echo", "--cron", "every day", "--server", server.url());
    assertThat(badCron.exit()).isEqualTo(1);
    assertThat(badCron.err()).contains("422").contains("fields");
    assertThat(run("schedules", "delete", id, "--server", server.url()).exit()).isZero();
    assertThat(run("schedules", "list", "--server", server.url()).out()).doesNotContain("mornings");
  }

  @Test
  void tasksAreCreatedShownListedAndRefused() {
    // An issue's repository must be in the namespace's allowlist.
    Run refused =
        run("tasks", "create", "x", "--issue", "github:acme/web#7", "--server", server.url());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("403", "trackers.github.repos");
    Run set =
        run(
            "tasks",
            "settings",
            "--put",
            "{\"trackers\":{\"github\":{\"repos\":[\"acme/*\"]}}}",
            "--server",
            server.url());
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(run("tasks", "settings", "--server", server.url()).out()).contains("acme/*");
    Run created =
        run(
            "tasks",
            "create",
            "Review the pull request",
            "--criterion",
            "no secrets logged",
            "--issue",
            "github:acme/web#7",
            "--json",
            "--server",
            server.url());
    assertThat(created.exit()).as(created.err()).isZero();
    String id = created.out().replaceAll("(?s).*?\"id\" : \"([^\"]+)\".*", "$1");
    Run shown = run("tasks", "show", id, "--server", server.url());
    assertThat(shown.out())
        .contains("code_review", "pending", "no registered agent serves", "created", "inferred");
    assertThat(run("tasks", "list", "--status", "pending", "--server", server.url()).out())
        .contains(id);
    assertThat(run("tasks", "escalations", "--server", server.url()).exit()).isZero();
    Run retry = run("tasks", "retry", id, "--server", server.url());
    assertThat(retry.exit()).isEqualTo(1);
    assertThat(retry.err()).contains("409");
    Run bad = run("tasks", "create", "x", "--issue", "acme/web", "--server", server.url());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("TRACKER:OWNER/REPO#NUMBER");
  }

  @Test
  void traceRendersTheTree() {
    Run invoked =
        run(
            "invoke",
            "tester.parent",
            "{\"text\":\"t\"}",
            "--wait",
            "--json",
            "--server",
            server.url());
    assertThat(invoked.exit()).as(invoked.err()).isZero();
    String traceId = invoked.out().replaceAll("(?s).*\"trace_id\" : \"([^\"]+)\".*", "$1");
    Run trace = run("trace", traceId, "--server", server.url());
    assertThat(trace.exit()).isZero();
    assertThat(trace.out())
        .contains("trace " + traceId)
        .contains("tester.parent  COMPLETED")
        .contains("   └─ tester.echo");
    assertThat(run("trace", "nope", "--server", server.url()).err()).contains("404");
  }

  @Test
  void usageAndTraceShowWhatLlmCallsCost() {
    var created =
        server.post(
            "/v1/namespaces/default/invocations",
            "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"llm\"}}");
    String invocation = created.text("invocation_id");
    String trace = created.text("trace_id");
    var reported =
        server.post(
            "/v1/namespaces/default/llm/calls",
            "{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"agent\":\"tester\",\"input_tokens\":1234,"
                + "\"output_tokens\":567,\"latency_ms\":321,\"invocation_id\":\""
                + invocation
                + "\"}");
    assertThat(reported.status()).isEqualTo(201);
    Run usage = run("usage", "--group-by", "model", "--server", server.url());
    assertThat(usage.exit()).as(usage.err()).isZero();
    assertThat(usage.out())
        .contains("LLM usage by model")
        .containsPattern("gpt-4o\\s+1\\s+1234\\s+567\\s+0\\s+0\\s+0\\.008755")
        .containsPattern("TOTAL\\s+1\\s+");
    Run byDay = run("usage", "--group-by", "day", "--json", "--server", server.url());
    assertThat(byDay.out()).contains("\"group_by\" : \"day\"");
    Run bad = run("usage", "--group-by", "colour", "--server", server.url());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("group_by must be one of");
    Run shown = run("trace", trace, "--server", server.url());
    assertThat(shown.exit()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("1 LLM call(s), 1801 tokens $0.008755")
        .contains("[1 LLM call(s), 1801 tokens $0.008755]")
        .contains("└─ llm gpt-4o (openai)  OK  1234 in / 567 out, 1801 tokens $0.008755  321 ms");
  }

  @Test
  void pauseResumeAndTheFlowColumnsOfAgentsAndGet() {
    String ns = "/v1/namespaces/default";
    var put =
        server.put(
            ns + "/agents/capped",
            "{\"max_concurrency\":2,\"functions\":[{\"name\":\"f\"},"
                + "{\"name\":\"k\",\"key_concurrency\":1}]}");
    assertThat(put.status()).isEqualTo(200);
    String f = "";
    for (int i = 0; i < 3; i++) {
      f =
          server
              .post(ns + "/invocations", "{\"agent\":\"capped\",\"function\":\"f\",\"payload\":{}}")
              .text("invocation_id");
    }
    String k = "";
    for (int i = 0; i < 2; i++) {
      k =
          server
              .post(
                  ns + "/invocations",
                  "{\"agent\":\"capped\",\"function\":\"k\",\"payload\":{},"
                      + "\"concurrency_key\":\"c1\"}")
              .text("invocation_id");
    }
    // No worker serves it: nothing runs, 4 wait with a slot and one more for its key's slot.
    assertThat(run("agents", "--server", server.url()).out())
        .containsPattern("RUNNING\\s+PENDING\\s+PAUSED")
        .containsPattern("RUNNING\\s+PENDING\\s+PAUSED\\s+DEGRADED\\s+FUNCTIONS")
        .containsPattern("capped\\s+\\S+\\s+0\\s+0/2\\s+4 \\+1 by key\\s+-\\s+-\\s+f, k")
        .containsPattern("tester\\s+healthy\\s+1\\s+\\d+\\s+\\d+\\s+-");
    Run keyed = run("get", k, "--server", server.url());
    assertThat(keyed.out())
        .contains("key     c1 (at most 1 under way at once)")
        .contains("blocked concurrency:key");

    Run paused = run("pause", "capped", "--server", server.url());
    assertThat(paused.exit()).as(paused.err()).isZero();
    assertThat(paused.out()).contains("agent capped paused").contains("agent paused, running 0/2");
    assertThat(run("agents", "--server", server.url()).out())
        .containsPattern("capped\\s+.*\\s+yes\\s+-\\s+f, k");
    assertThat(run("get", f, "--server", server.url()).out())
        .contains("blocked paused:agent ('dispatch resume capped' lets it run)");

    Run fnPaused = run("pause", "capped", "--function", "f", "--server", server.url());
    assertThat(fnPaused.exit()).isZero();
    assertThat(fnPaused.out()).contains("function capped.f paused");
    assertThat(run("resume", "capped", "--server", server.url()).out())
        .contains("agent capped resumed")
        .contains("agent not paused");
    assertThat(run("agents", "--server", server.url()).out())
        .containsPattern("capped\\s+.*\\s+f\\s+-\\s+f, k");
    assertThat(run("get", f, "--server", server.url()).out()).contains("blocked paused:function");
    Run json = run("resume", "capped", "-f", "f", "--json", "--server", server.url());
    assertThat(json.exit()).isZero();
    assertThat(json.out()).contains("\"paused\" : false").contains("\"pending\" : 3");
    assertThat(run("get", f, "--server", server.url()).out()).doesNotContain("blocked");

    Run ghost = run("pause", "ghost", "--server", server.url());
    assertThat(ghost.exit()).isEqualTo(1);
    assertThat(ghost.err()).contains("404").contains("ghost");
    Run noFunction = run("resume", "capped", "--function", "nope", "--server", server.url());
    assertThat(noFunction.exit()).isEqualTo(1);
    assertThat(noFunction.err()).contains("404").contains("nope");
  }

  @Test
  void resetClearsADegradedLaneAndAgentsAndGetShowIt() {
    String ns = "/v1/namespaces/default";
    var put =
        server.put(
            ns + "/agents/fragile",
            "{\"max_concurrency\":2,\"lanes\":{\"batch\":{\"max_concurrency\":1}},"
                + "\"degrade\":{\"after_failures\":1},"
                + "\"functions\":[{\"name\":\"f\",\"retry\":{\"max_attempts\":1}}]}");
    assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
    String body = "{\"agent\":\"fragile\",\"function\":\"f\",\"payload\":{},\"lane\":\"batch\"}";
    server.post(ns + "/invocations", body);
    String waiting = server.post(ns + "/invocations", body).text("invocation_id");
    // No worker serves it: lease one through the API and fail it, which degrades the batch lane.
    var leased =
        server.post(
            ns + "/workers/lease",
            "{\"worker_id\":\"w\",\"agent\":\"fragile\",\"max\":1,\"wait_ms\":0}");
    String lease = leased.body().path("leases").path(0).path("lease_id").asString();
    var failed =
        server.post(
            ns + "/workers/complete",
            "{\"worker_id\":\"w\",\"results\":[{\"lease_id\":\""
                + lease
                + "\",\"status\":\"error\",\"error\":{\"error\":\"boom\"}}]}");
    assertThat(failed.status()).isEqualTo(200);

    assertThat(run("agents", "--server", server.url()).out())
        .containsPattern("fragile\\s+\\S+\\s+\\d+\\s+0/2\\s+1\\s+-\\s+batch:pause\\s+f");
    assertThat(run("get", waiting, "--server", server.url()).out())
        .contains("  lane    batch")
        .contains("blocked degraded:lane ('dispatch reset fragile --lane batch' lets it run)");

    Run noLane = run("reset", "fragile", "--lane", "nope", "--server", server.url());
    assertThat(noLane.exit()).isEqualTo(1);
    assertThat(noLane.err()).contains("404").contains("no lane 'nope'");
    Run ghost = run("reset", "ghost", "--server", server.url());
    assertThat(ghost.exit()).isEqualTo(1);
    assertThat(ghost.err()).contains("404").contains("ghost");

    Run defaultLane = run("reset", "fragile", "--server", server.url());
    assertThat(defaultLane.exit()).as(defaultLane.err()).isZero();
    assertThat(defaultLane.out())
        .contains("default lane of agent fragile reset")
        .contains("class batch: 1 failure(s) in a row, degraded (pause) since");
    Run batch = run("reset", "fragile", "--lane", "batch", "--server", server.url());
    assertThat(batch.exit()).as(batch.err()).isZero();
    assertThat(batch.out())
        .contains("lane batch of agent fragile reset")
        .containsPattern("lane batch\\s+running 0/1\\s+pending 1")
        .doesNotContain("class batch");
    assertThat(run("get", waiting, "--server", server.url()).out()).doesNotContain("blocked");
    assertThat(run("agents", "--server", server.url()).out())
        .containsPattern("fragile\\s+.*\\s+-\\s+-\\s+f");
    Run json = run("reset", "fragile", "--lane", "batch", "--json", "--server", server.url());
    assertThat(json.out()).contains("\"classes\" : [ ]");
  }
}
