package dev.agentdispatch.runtime.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptedAgentExampleTest {
  @Test
  void exampleRunsAndRecoversOnTheBackupProvider() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      ScriptedAgentExample.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("answer: [backup] The capital of France is Paris.")
        .contains("provider now: backup")
        .contains("agent.recovery.provider_switched")
        .contains("agent.tool_completed")
        .doesNotContain("ESCALATION");
  }
}
