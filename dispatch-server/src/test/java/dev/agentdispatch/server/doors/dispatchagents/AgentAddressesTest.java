package dev.agentdispatch.server.doors.dispatchagents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The addresses announced without a key are bounded (issue 19, #8): a flood of made-up agent names
 * cannot grow the server's memory without end.
 */
class AgentAddressesTest {
  @Test
  void aFloodOfNamesKeepsTheMostRecentWithinTheBound() {
    AgentAddresses addresses = new AgentAddresses();
    int told = AgentAddresses.MAX_AGENTS * 2;
    for (int i = 0; i < told; i++) {
      addresses.register("agent-" + i, "10.0.0.1:" + (1000 + i % 50_000));
    }
    assertThat(addresses.size()).isLessThanOrEqualTo(AgentAddresses.MAX_AGENTS);
    String last = "agent-" + (told - 1);
    assertThat(addresses.resolve(last, "127.0.0.1"))
        .isEqualTo("10.0.0.1:" + (1000 + (told - 1) % 50_000));
    assertThat(addresses.resolve("never-told", "127.0.0.1")).isEqualTo("127.0.0.1:50051");
  }
}
