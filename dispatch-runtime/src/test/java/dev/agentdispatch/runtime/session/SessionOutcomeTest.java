package dev.agentdispatch.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.events.AgentEvent;
import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.lifecycle.AgentStatus;
import dev.agentdispatch.runtime.lifecycle.AgentWorker;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a session ends (issue 20, defect 1): a normal return completes it, even when the body caught
 * a failed turn or tool on the way; only an exception that escapes the body fails it.
 */
class SessionOutcomeTest {
  private final ManualClock clock = new ManualClock();
  private final RingBufferEventSink events = new RingBufferEventSink();
  private final AgentSession agent =
      AgentSession.builder("writer", "draft").clock(clock).eventSink(events).build();
  private Session opened;

  private Session open(Session session) {
    opened = session;
    return session;
  }

  private AgentWorker onlyWorker() {
    assertThat(events.events().stream().filter(e -> e.event().value().equals("agent.started")))
        .hasSize(1);
    return opened.worker();
  }

  private AgentEvent last() {
    List<AgentEvent> all = events.events();
    return all.get(all.size() - 1);
  }

  private void assertCompleted() {
    assertThat(onlyWorker().status()).isEqualTo(AgentStatus.COMPLETED);
    assertThat(last().event().value()).isEqualTo("agent.completed");
    assertThat(events.events()).noneMatch(AgentEvent::terminal);
  }

  @Test
  void aCaughtToolFailureThenANormalReturnCompletes() {
    String answer =
        agent.run(session -> {
          open(session);
          try {
            session.runTool(
                "search",
                hooks -> {
                  throw new IOException("index offline");
                });
          } catch (SessionCallException e) {
            // handled: the agent answers without the tool
          }
          return "fallback";
        });
    assertThat(answer).isEqualTo("fallback");
    assertCompleted();
    // The tool's own failure is still reported, as a warning with data.
    assertThat(events.events())
        .anyMatch(e ->
            e.failureClass().equals(java.util.Optional.of(AgentFailureClass.TOOL_ERROR))
                && !e.terminal());
  }

  @Test
  void aCaughtFailedTurnThenANormalReturnCompletes() {
    String answer =
        agent.run(session -> {
          open(session);
          try {
            session.runTurn(ctx -> {
              throw new IllegalStateException("model said no");
            });
          } catch (IllegalStateException e) {
            return "fallback";
          }
          return "unreachable";
        });
    assertThat(answer).isEqualTo("fallback");
    assertCompleted();
  }

  @Test
  void aTryWithResourcesSessionThatCaughtAFailureCompletes() {
    try (Session session = open(agent.session())) {
      try {
        session.runTurn(ctx -> {
          throw new IllegalStateException("model said no");
        });
      } catch (IllegalStateException e) {
        // handled
      }
    }
    assertCompleted();
  }

  @Test
  void anExceptionThatEscapesTheBodyFailsTheSession() {
    assertThatThrownBy(() ->
            agent.run(session ->
                open(session)
                    .runTurn(ctx -> {
                      throw new IllegalStateException("model said no");
                    })))
        .isInstanceOf(IllegalStateException.class);
    assertThat(onlyWorker().status()).isEqualTo(AgentStatus.FAILED);
    assertThat(last().terminal()).isTrue();
    assertThat(last().failureClass()).contains(AgentFailureClass.LLM_ERROR);
    assertThat(last().detail()).contains("IllegalStateException raised");
  }

  @Test
  void anExceptionThrownByTheBodyItselfAfterACaughtFailureFailsWithItsOwnClass() {
    assertThatThrownBy(() ->
            agent.run(session -> {
              open(session);
              try {
                session.runTurn(ctx -> {
                  throw new IllegalStateException("503 service unavailable");
                });
              } catch (IllegalStateException e) {
                // handled
              }
              throw new IllegalArgumentException("bad plan");
            }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(onlyWorker().status()).isEqualTo(AgentStatus.FAILED);
    assertThat(last().failureClass()).contains(AgentFailureClass.VALIDATION_ERROR);
  }

  @Test
  void aTryWithResourcesBlockReportsAnEscapingFailureThroughFail() {
    assertThatThrownBy(
            () -> {
              try (Session session = open(agent.session())) {
                try {
                  session.runTurn(ctx -> {
                    throw new IllegalStateException("model said no");
                  });
                } catch (RuntimeException e) {
                  session.fail(e);
                  throw e;
                }
              }
            })
        .isInstanceOf(IllegalStateException.class);
    assertThat(onlyWorker().status()).isEqualTo(AgentStatus.FAILED);
    assertThat(last().failureClass()).contains(AgentFailureClass.LLM_ERROR);
    assertThat(events.events().stream().filter(AgentEvent::terminal)).hasSize(1);
  }
}
