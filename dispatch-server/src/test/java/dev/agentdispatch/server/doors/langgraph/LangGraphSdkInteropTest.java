package dev.agentdispatch.server.doors.langgraph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.SessionAgent;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The LangGraph door driven by the official LangGraph JS SDK ({@code @langchain/langgraph-sdk}),
 * installed once into {@code target/langgraph-sdk} with npm and run with the machine's Node.js.
 * Skips with a hint when {@code node} or {@code npm} is missing; with {@code CI=true} it fails
 * instead, as CI must run it.
 */
class LangGraphSdkInteropTest {
  private static final String SDK = "@langchain/langgraph-sdk@1.15.0";

  @TempDir Path dir;

  @Test
  void theJsSdkDrivesAssistantsThreadsRunsAndStreams() throws Exception {
    Path home = install();
    Files.copy(
        resource("/langgraph/interop.mjs"),
        home.resolve("interop.mjs"),
        StandardCopyOption.REPLACE_EXISTING);
    try (TestServer server =
        TestServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDb("sqlite:" + dir.resolve("lg.db"))
                .withRequireAuth(true)
                .withSweepInterval(Duration.ofMillis(100)))) {
      String workerKey = server.newKey(Role.WORKER, "default");
      Worker chat = worker(server, workerKey, SessionAgent.NAME, new SessionAgent());
      Worker tester = worker(server, workerKey, TestAgent.NAME, new TestAgent());
      try {
        awaitAgents(server);
        ProcessBuilder pb = new ProcessBuilder("node", "interop.mjs").directory(home.toFile());
        pb.environment().put("LG_URL", server.url() + "/langgraph/default");
        pb.environment().put("LG_ROOT", server.url());
        pb.environment().put("LG_KEY", server.newKey(Role.CLIENT, "default"));
        Result r = run(pb, 120);
        assertThat(r.exit()).as(r.output()).isZero();
        String last = r.output().strip().lines().reduce((a, b) -> b).orElse("{}");
        JsonNode out = TestServer.JSON.readTree(last);
        assertThat(out.path("graphs").toString()).contains("chat.turn", "tester.failing");
        assertThat(out.path("assistant").asString()).isEqualTo("chat.turn");
        assertThat(out.path("schema").toString()).contains("text");
        assertThat(out.path("first").path("text").asString()).isEqualTo("done:hi");
        assertThat(out.path("second").path("text").asString()).isEqualTo("done:again");
        assertThat(out.path("threadStatus").asString()).isEqualTo("idle");
        assertThat(out.path("runs").asInt()).isEqualTo(2);
        assertThat(out.path("foundBeforeRun").asBoolean()).isTrue();
        assertThat(out.path("threadMetadata").path("owner").asString()).isEqualTo("sdk");
        assertThat(out.path("threadMetadata").path("graph_id").asString()).isEqualTo("chat.turn");
        assertThat(out.path("failing").asString()).contains("boom x");
        assertThat(out.path("invalid").asInt()).isEqualTo(422);
        JsonNode stream = out.path("stream");
        assertThat(stream.get(0).get(0).asString()).isEqualTo("metadata");
        assertThat(stream.toString()).contains("[\"custom\",\"tok0\"]", "[\"custom\",\"tok1\"]");
        JsonNode last2 = stream.get(stream.size() - 1);
        assertThat(last2.get(0).asString()).isEqualTo("values");
        assertThat(last2.get(1).path("text").asString()).isEqualTo("done:tokens:2");
        assertThat(out.path("paused").path("__interrupt__").get(0).path("value").path("question"))
            .hasToString("\"deploy prod?\"");
        assertThat(out.path("interruptedStatus").asString()).isEqualTo("interrupted");
        assertThat(out.path("resumed").path("text").asString()).isEqualTo("decision:yes");
        assertThat(out.path("rejected").asInt()).isEqualTo(409);
        assertThat(out.path("cancelled").asString()).isEqualTo("interrupted");
        assertThat(out.path("enqueued").path("text").asString()).isEqualTo("done:later");
        for (String s : List.of("interrupt", "rollback")) {
          assertThat(out.path(s).path("text").asString()).isEqualTo("done:" + s);
          assertThat(out.path(s + "Before").asString()).isEqualTo("interrupted");
        }
        assertThat(out.path("defaultStrategy").asString()).isEqualTo("enqueue");
        assertThat(out.path("defaultQueued").path("text").asString()).isEqualTo("done:queued");
        assertThat(out.path("messages").toString())
            .isEqualTo("[[\"AIMessageChunk\",\"tok0\"],[\"AIMessageChunk\",\"tok1\"]]");
        assertThat(out.path("stateRead").path("text").asString()).contains("kept");
        assertThat(out.path("staleUpdate").asInt()).isEqualTo(409);
        assertThat(out.path("historyTop").path("note").asString()).isEqualTo("kept");
        assertThat(out.path("stateAt").path("note").asString()).isEqualTo("kept");
        assertThat(out.path("assistantCreate").asInt()).isEqualTo(405);
        assertThat(out.path("rootGraphs").toString()).contains("chat.turn");
        assertThat(out.path("rootRun").path("text").asString()).isEqualTo("done:root");
        assertThat(out.path("rootThreadBelowMount").asBoolean()).isTrue();
      } finally {
        chat.stop();
        tester.stop();
      }
    }
  }

  private static InputStream resource(String name) {
    InputStream in = LangGraphSdkInteropTest.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the test classpath");
    }
    return in;
  }

  private static Worker worker(TestServer server, String key, String agent, Object handlers) {
    return Worker.builder()
        .client(
            dev.agentdispatch.sdk.client.DispatchClient.builder()
                .baseUrl(server.url())
                .apiKey(key)
                .build())
        .agent(agent)
        .register(handlers)
        .leaseSeconds(3)
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }

  private static void awaitAgents(TestServer server) throws InterruptedException {
    String reader = server.newKey(Role.READ, "default");
    for (int i = 0; i < 200; i++) {
      String found =
          server
              .send("POST", "/langgraph/default/assistants/search", "{\"limit\": 100}", reader)
              .body()
              .toString();
      if (found.contains("tester.failing") && found.contains("chat.turn")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the workers' agents never registered");
  }

  /**
   * The SDK in {@code target/langgraph-sdk}, installed on first use; skips (fails in CI) without
   * it.
   */
  private static Path install() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    Path home = Path.of("target", "langgraph-sdk").toAbsolutePath();
    if (!works("node", "--version")) {
      skip(
          ci, "LangGraph JS SDK interop test skipped: `node` is not on PATH (install Node.js 20+)");
    }
    if (Files.isDirectory(home.resolve("node_modules/@langchain/langgraph-sdk"))) {
      return home;
    }
    Files.createDirectories(home);
    Files.writeString(home.resolve("package.json"), "{\"private\": true, \"type\": \"module\"}\n");
    Result r =
        run(
            new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", SDK)
                .directory(home.toFile()),
            300);
    if (r.exit() != 0) {
      skip(
          ci,
          "LangGraph JS SDK interop test skipped: `npm install " + SDK + "` failed: " + r.output());
    }
    return home;
  }

  private static void skip(boolean ci, String why) {
    if (ci) {
      throw new IllegalStateException(why);
    }
    Assumptions.abort(why);
  }

  private static boolean works(String... command) {
    try {
      return run(new ProcessBuilder(command), 30).exit() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private record Result(int exit, String output) {}

  private static Result run(ProcessBuilder pb, int seconds)
      throws IOException, InterruptedException {
    pb.redirectErrorStream(true);
    Process p = pb.start();
    byte[] bytes;
    try (InputStream in = p.getInputStream()) {
      bytes = in.readAllBytes();
    }
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "timed out after " + seconds + " s");
    }
    return new Result(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
  }
}
