package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that cannot open its store exits, saying why, instead of living on without serving. */
class FailedStartTest {
  @Test
  void aServerWhoseStoreCannotOpenExitsWithTheReason() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () ->
            assertThatThrownBy(() ->
                    ServerProcess.start("sqlite:/proc/no-such-dir/dispatch.db", List.of(), l -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exited before it was ready")
                .hasMessageContaining("no-such-dir"));
  }
}
