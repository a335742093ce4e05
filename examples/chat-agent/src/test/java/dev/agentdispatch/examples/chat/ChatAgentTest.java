package dev.agentdispatch.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.model.FunctionSpec;
import dev.agentdispatch.sdk.worker.Worker;
import org.junit.jupiter.api.Test;

/**
 * The chat agent's shape; its sleeping, waiting and cancelling turns run against a real server in
 * the server's protocol door tests.
 */
class ChatAgentTest {
  @Test
  void anyOtherTextIsAnsweredAtOnce() throws InterruptedException {
    // This path does not touch the context.
    assertThat(new ChatAgent().turn(null, new Message("hello")).text()).isEqualTo("done:hello");
  }

  @Test
  void registersOneCallableFunctionTurnTakingAndReturningText() {
    Worker worker = ChatAgent.build(DispatchClient.builder().build());
    assertThat(worker.config().agent()).isEqualTo("chat");
    FunctionSpec turn = worker.functions().stream().findFirst().orElseThrow();
    assertThat(worker.functions()).hasSize(1);
    assertThat(turn.name()).isEqualTo("turn");
    assertThat(turn.inputSchema().orElseThrow().path("properties").has("text")).isTrue();
    assertThat(turn.outputSchema().orElseThrow().path("properties").has("text")).isTrue();
  }
}
