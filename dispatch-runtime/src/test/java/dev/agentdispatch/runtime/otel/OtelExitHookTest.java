package dev.agentdispatch.runtime.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OtelExitHookTest {
  @Test
  void theShutdownHookEndsTheSpansOfASessionTheProcessNeverClosed() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                testClassPath(),
                OtelExitScenario.class.getName())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("scenario exited").isTrue();
    List<String> spans =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("SPAN "))
            .toList();

    assertThat(spans)
        .containsExactly(
            "SPAN chat model-a|UNSET|null",
            "SPAN execute_tool deploy|ERROR|abrupt_termination",
            "SPAN invoke_agent ops|ERROR|abrupt_termination");
  }

  /** Surefire may start tests from a manifest-only jar; its property has the real class path. */
  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path");
  }
}
