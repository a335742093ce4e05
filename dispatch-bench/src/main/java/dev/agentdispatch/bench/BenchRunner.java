package dev.agentdispatch.bench;

import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.report.BenchReport;
import dev.agentdispatch.bench.report.JsonFormat;
import dev.agentdispatch.bench.report.ScenarioReport;
import dev.agentdispatch.bench.report.TableFormat;
import dev.agentdispatch.bench.scenario.BenchContext;
import dev.agentdispatch.bench.scenario.Scenario;
import dev.agentdispatch.bench.scenario.ScenarioRunner;
import dev.agentdispatch.bench.scenario.Scenarios;
import dev.agentdispatch.bench.server.ExternalServer;
import dev.agentdispatch.bench.server.ForkedServer;
import dev.agentdispatch.bench.server.ServerHandle;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The harness: for each scenario a fresh server in its own JVM (or the {@code --url} one), the
 * scenario's runs, then one report as a table or JSON. Temporary databases are deleted at the end.
 */
public final class BenchRunner {
  /**
   * Bench traffic stays in its own namespace, so pointing the harness at a dev server leaves the
   * rest alone.
   */
  public static final String NAMESPACE = "bench";

  private BenchRunner() {}

  /**
   * Runs the configured scenarios and prints the report; the exit code is 0 when every scenario
   * ran.
   */
  public static int run(BenchConfig config, PrintStream out, PrintStream err)
      throws InterruptedException {
    QuietLogs.apply();
    Progress progress = new Progress(err, config.progress());
    Path tmp = tempDir();
    List<ScenarioReport> reports = new ArrayList<>();
    try {
      for (String name : config.scenarios()) {
        reports.add(runOne(Scenarios.create(name), config, tmp, progress, reports));
      }
    } finally {
      deleteQuietly(tmp);
    }
    BenchReport report =
        new BenchReport(
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            Runtime.getRuntime().availableProcessors(),
            Runtime.version().toString(),
            System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            reports);
    out.print(config.json() ? JsonFormat.format(report) + "\n" : TableFormat.format(report));
    out.flush();
    boolean failed =
        reports.stream().anyMatch(r -> r.notes().stream().anyMatch(n -> n.startsWith("failed: ")));
    return failed ? 1 : 0;
  }

  private static ScenarioReport runOne(
      Scenario s, BenchConfig config, Path tmp, Progress progress, List<ScenarioReport> earlier)
      throws InterruptedException {
    String db = config.db().orElse("sqlite:" + tmp.resolve(s.name() + ".db"));
    String dbLabel =
        s.needsServer()
            ? (config.url().isPresent() ? "server " + config.url().get() : dbLabel(db))
            : "postgresql (db-scheduler): " + config.peerDb();
    try (ServerHandle server = s.needsServer() ? start(config, db, tmp, s.name()) : null) {
      Optional<ServerHandle> handle = Optional.ofNullable(server);
      BenchContext ctx =
          new BenchContext(
              config, handle, handle.map(h -> new BenchApi(h.url(), NAMESPACE)), progress);
      return ScenarioRunner.run(s, ctx, dbLabel, List.copyOf(earlier));
    } catch (BenchException e) {
      return ScenarioRunner.failed(s, dbLabel, e);
    }
  }

  private static ServerHandle start(BenchConfig config, String db, Path tmp, String scenario) {
    if (config.url().isPresent()) {
      return new ExternalServer(config.url().get(), config.serverPid(), config.db());
    }
    Optional<Path> jfr =
        config.jfr().map(f -> f.toAbsolutePath().resolveSibling(scenario + "-" + f.getFileName()));
    return ForkedServer.start(db, config.serverHeap(), jfr, tmp.resolve(scenario + "-server.log"));
  }

  /** A temporary SQLite path says nothing to a reader: call it what it is. */
  private static String dbLabel(String db) {
    return db.contains("dispatch-bench-")
        ? "sqlite (fresh temporary file, WAL, synchronous=FULL)"
        : db;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("dispatch-bench-");
    } catch (IOException e) {
      throw new BenchException("cannot create a temporary folder: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary folder is harmless
    }
  }
}
