package dev.agentdispatch.server.chaos;

import static dev.agentdispatch.server.ClusterNodes.NS;
import static dev.agentdispatch.server.ClusterNodes.awaitAllCompleted;
import static dev.agentdispatch.server.ClusterNodes.awaitRegistered;
import static dev.agentdispatch.server.ClusterNodes.completionsPerInvocation;
import static dev.agentdispatch.server.ClusterNodes.enqueueAccepted;
import static dev.agentdispatch.server.ClusterNodes.get;
import static dev.agentdispatch.server.ClusterNodes.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.ClusterNodes;
import dev.agentdispatch.server.ServerProcess;
import dev.agentdispatch.server.TestAgent;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow disk: the SQLite server runs with every fsync delayed (a small C library preloaded into
 * its process, {@code slowfsync.c}), serves a load, and is killed -9 in the middle of it. Restarted
 * on a normal disk, every invocation it acknowledged is there and completes exactly once.
 */
class SlowDiskTest {
  private static final int FSYNC_MS = 40;

  @TempDir Path dir;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void whatASlowDiskAcknowledgedSurvivesAKillAndCompletesOnce() throws Exception {
    Path library = slowFsyncLibrary();
    String db = "sqlite:" + dir.resolve("slow.db");
    ServerProcess slow =
        ServerProcess.start(
            db,
            List.of(),
            Map.of("LD_PRELOAD", library.toString(), "SLOW_FSYNC_MS", String.valueOf(FSYNC_MS)),
            line -> {});
    resources.add(slow);
    TestAgent agent = new TestAgent();
    Worker first = worker(slow, agent);
    awaitRegistered(slow);
    long start = System.nanoTime();
    HttpResponse<String> probe =
        send(
            slow,
            "POST",
            NS + "/invocations",
            "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"probe\"}}");
    long probeMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(probe.statusCode()).as(probe.body()).isEqualTo(202);
    assertThat(probeMs).as("one commit costs at least one slow fsync").isGreaterThan(FSYNC_MS);

    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    resources.add(pool::shutdownNow);
    Future<List<String>> load = pool.submit(() -> enqueueAccepted(List.of(slow), "s", 3000));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> completedSoFar(slow) >= 100);
    slow.kill();
    List<String> accepted = load.get();
    first.stop();
    assertThat(accepted).as("acknowledged before the kill").hasSizeGreaterThan(100);

    ServerProcess normal = ServerProcess.start(db);
    resources.add(normal);
    worker(normal, agent);
    awaitAllCompleted(normal, accepted, Duration.ofSeconds(120));
    assertThat(completionsPerInvocation(normal, accepted))
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    System.out.printf(
        "slow disk: one invoke took %d ms with %d ms fsyncs; %d acknowledged before the kill,"
            + " all completed once%n",
        probeMs, FSYNC_MS, accepted.size());
  }

  private static int completedSoFar(ServerProcess node) {
    return get(node, NS + "/invocations?status=completed&limit=200").path("items").size();
  }

  private Worker worker(ServerProcess node, TestAgent agent) {
    Worker worker = ClusterNodes.worker(node, agent, 3, 16);
    resources.add(worker::stop);
    return worker;
  }

  /**
   * Builds the preload library with the machine's C compiler; without one the test is skipped (CI
   * must have it).
   */
  private static Path slowFsyncLibrary() throws IOException, InterruptedException {
    Path out = Path.of("target", "slowdisk");
    Files.createDirectories(out);
    Path source = out.resolve("slowfsync.c");
    try (InputStream in = SlowDiskTest.class.getResourceAsStream("/chaos/slowfsync.c")) {
      Files.copy(in, source, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path library = out.resolve("libslowfsync.so").toAbsolutePath();
    boolean built;
    try {
      Process gcc =
          new ProcessBuilder(
                  "gcc",
                  "-shared",
                  "-fPIC",
                  "-O2",
                  "-o",
                  library.toString(),
                  source.toString(),
                  "-ldl")
              .redirectErrorStream(true)
              .start();
      built = gcc.waitFor() == 0;
    } catch (IOException noCompiler) {
      built = false;
    }
    if (!built && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI must build the slow-disk library: gcc is needed");
    }
    Assumptions.assumeTrue(built, "needs gcc to build the slow-disk preload library");
    return library;
  }
}
