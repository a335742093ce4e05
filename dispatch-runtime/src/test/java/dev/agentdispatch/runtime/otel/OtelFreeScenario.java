package dev.agentdispatch.runtime.otel;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.sinks.RingBufferUsageSink;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A session that uses the whole pipeline (builder, turns, a streamed turn, a tool, a failure)
 * without OpenTelemetry. {@link OtelAbsentTest} runs it in a class loader that has no OpenTelemetry
 * class.
 */
public final class OtelFreeScenario implements Callable<String> {
  @Override
  public String call() {
    RingBufferUsageSink usage = new RingBufferUsageSink();
    AgentSession agent =
        AgentSession.builder("researcher", "answer").usageSink(usage).budgetUsd(10).build();
    String answer =
        agent.run(session -> {
          session.runTurn(
              ctx -> "plan", TurnOptions.model("model-a").withUsage(UsageSnapshot.of(3, 4)));
          session.runTool("search", hooks -> "results");
          try {
            session.runTool(
                "broken",
                hooks -> {
                  throw new IllegalStateException("tool failed");
                });
          } catch (IllegalStateException expected) {
            // the session goes on
          }
          return session
              .runTurnStream(
                  hooks -> List.of("an", "swer").stream(),
                  TurnOptions.model("model-a").withResponseModel(r -> Optional.of("m")),
                  event -> {})
              .result();
        });
    try (Session s = agent.session("thread")) {
      s.cancel("stop");
    }
    return answer + " " + usage.records().size();
  }
}
