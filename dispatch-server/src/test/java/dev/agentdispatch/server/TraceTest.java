package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.model.InvocationView;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.On;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.TestAgent.Echo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A handler that invokes another function and emits an event heard by an {@code @On} handler of a
 * second agent: the trace comes back as one tree, three levels deep, in order, with totals.
 */
class TraceTest {
  private static final String NS = "/v1/namespaces/default";

  /** The first agent: {@code plan} calls {@code echo} and emits {@code plans.made}. */
  public static final class Planner {
    @Fn
    public Echo plan(Context ctx, Echo in) {
      ctx.invokeAndWait(
          TestAgent.NAME, "echo", new Echo("step-1"), Duration.ofSeconds(20), Echo.class);
      ctx.emit("plans.made", new Echo(in.text()));
      return new Echo("planned");
    }
  }

  /** The second agent: hears every plan. */
  public static final class Auditor {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @On("plans.*")
    public void audit(Context ctx, Echo in) {
      heard.add(in.text() + "@" + ctx.traceId());
    }
  }

  @TempDir Path dir;

  @Test
  void theTraceOfAHandlerThatInvokesAndEmitsIsOneTreeThreeLevelsDeep() {
    try (TestServer server = TestServer.start(dir)) {
      Auditor auditor = new Auditor();
      List<Worker> workers =
          List.of(
              worker(server, TestAgent.NAME, new TestAgent()),
              worker(server, "planner", new Planner()),
              worker(server, "auditor", auditor));
      try {
        var created = server.client().invoke("planner", "plan", new Echo("p1"));
        InvocationView root =
            server.client().awaitTerminal(created.invocationId(), Duration.ofSeconds(30));
        assertThat(root.status().name()).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(20)).until(() -> auditor.heard.size() == 1);
        assertThat(auditor.heard).containsExactly("p1@" + created.traceId());
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() ->
                server
                    .get(NS + "/traces/" + created.traceId())
                    .body()
                    .path("totals")
                    .path("finished_at")
                    .isString());

        JsonNode trace = server.get(NS + "/traces/" + created.traceId()).body();
        assertThat(trace.path("roots")).hasSize(1);
        JsonNode plan = trace.path("roots").get(0);
        assertThat(plan.path("function").asString()).isEqualTo("plan");
        JsonNode children = plan.path("children");
        assertThat(children).hasSize(2);
        assertThat(children.get(0).path("kind").asString()).isEqualTo("invocation");
        assertThat(children.get(0).path("function").asString()).isEqualTo("echo");
        assertThat(children.get(1).path("kind").asString()).isEqualTo("event");
        assertThat(children.get(1).path("topic").asString()).isEqualTo("plans.made");
        JsonNode heard = children.get(1).path("children");
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0).path("agent").asString()).isEqualTo("auditor");
        assertThat(heard.get(0).path("status").asString()).isEqualTo("completed");
        JsonNode totals = trace.path("totals");
        assertThat(totals.path("invocations").asInt()).isEqualTo(3);
        assertThat(totals.path("events").asInt()).isEqualTo(1);
        assertThat(totals.path("statuses").path("completed").asInt()).isEqualTo(3);
        assertThat(totals.path("duration_ms").asLong()).isPositive();
        assertThat(server.get(NS + "/traces/no-such-trace").status()).isEqualTo(404);
      } finally {
        workers.forEach(Worker::stop);
      }
    }
  }

  private static Worker worker(TestServer server, String agent, Object handlers) {
    return Worker.builder()
        .client(server.client())
        .agent(agent)
        .register(handlers)
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }
}
