package dev.agentdispatch.runtime.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.llm.standin.StandInProvider;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentEventName;
import dev.agentdispatch.runtime.governance.GovernanceBreachException;
import dev.agentdispatch.runtime.governance.GovernanceLimit;
import dev.agentdispatch.runtime.governance.GovernancePlane;
import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import dev.agentdispatch.server.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' example: an LLM loop through the server's gateway (a real server, forwarding to a
 * stand-in provider on loopback) with governance on.
 */
class GatewayAgentLoopTest {
  @TempDir Path dir;

  @Test
  void aLoopThroughTheGatewayFinishesOrIsStoppedByGovernance() {
    try (StandInProvider provider = StandInProvider.start();
        TestServer server = TestServer.start(dir)) {
      TestServer.Response put =
          server.put(
              "/v1/namespaces/default/llm/providers/standin",
              "{\"format\":\"openai\",\"base_url\":\""
                  + provider.baseUrl()
                  + "\",\"default_model\":\"standin-small\"}");
      assertThat(put.status()).isEqualTo(200);
      GatewayAgentLoop loop =
          new GatewayAgentLoop(
              URI.create(server.url() + "/v1/namespaces/default/llm/openai/v1"),
              Optional.empty(),
              "researcher",
              "standin-small");
      RingBufferEventSink events = new RingBufferEventSink();
      AgentSession agent =
          AgentSession.builder("researcher", "answer")
              .eventSink(events)
              .governance(
                  GovernancePlane.of(
                      new GovernanceLimit.MaxIterations(3),
                      new GovernanceLimit.MaxConsecutiveFailures(2)))
              .build();

      // The stand-in echoes the last message: a task that says DONE finishes in one turn.
      assertThat(loop.run(agent, "reply DONE")).isEqualTo("echo: reply DONE");
      assertThat(provider.requests()).isEqualTo(1);

      // One that never finishes is stopped before its fourth model call.
      assertThatThrownBy(() -> loop.run(agent, "keep thinking"))
          .isInstanceOf(GovernanceBreachException.class)
          .hasMessageContaining("max_iterations");
      assertThat(provider.requests()).isEqualTo(4);
      List<AgentEvent> breaches =
          events.events().stream()
              .filter(e -> e.event() == AgentEventName.GOVERNANCE_BREACH)
              .toList();
      assertThat(breaches).hasSize(1);
      assertThat(breaches.get(0).detail()).contains("max_iterations: 4 > 3");
      // The gateway recorded every call that was made.
      assertThat(server.get("/v1/namespaces/default/llm/calls").body().path("items")).hasSize(4);
    }
  }
}
