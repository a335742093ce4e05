package dev.agentdispatch.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one harness run is started with, validated once. Every load loop is bounded by {@link
 * #count} (or {@link #backlog}) and by {@link #maxRunTime}, and every address is loopback.
 *
 * @param scenarios what to run, in order: throughput, latency, fanout, backlog, compare, push, llm,
 *     limits, observability
 * @param db the server's {@code --db} URL; empty means a fresh SQLite file in a temporary folder
 * @param url an already running server to drive instead of starting one (loopback only)
 * @param serverPid that server's process id, so its CPU and heap can still be read
 * @param count invocations per measured run
 * @param rate invocations per second for the fixed-rate scenarios
 * @param duration how long a fixed-rate run sends ({@code rate × duration} invocations)
 * @param concurrency closed-loop enqueuers in the throughput scenario
 * @param payloadBytes approximate size of each payload's JSON
 * @param leaseBatch {@code max} of each lease call
 * @param completeBatch results per complete call
 * @param enqueueBatch invocations per enqueue call in closed-loop runs (1: POST /invocations; more:
 *     POST /invocations/batch)
 * @param workers worker loops (each its own worker id)
 * @param runs measured runs per scenario
 * @param warmup whether a discarded warm-up run comes first
 * @param maxRunTime the longest any one run may take before it stops by itself
 * @param backlog pending invocations the backlog scenario builds up
 * @param fanout subscribed functions the fan-out scenario publishes to
 * @param llmCalls sequential calls per side (direct, gateway) and per mode (plain, streaming) of
 *     each llm run's latency part
 * @param llmBudget whether the llm scenario sets a namespace budget (then every proxied call writes
 *     its admission hold; without one, admission reads only)
 * @param limitKeys concurrency keys the limits scenario spreads its throughput runs over
 * @param limitCap the agent-wide {@code max_concurrency} of the limits scenario's capped agent
 * @param limitBlocked invocations of one key the limits scenario keeps waiting (key_blocked) while
 *     it times claims
 * @param peerDb the PostgreSQL database db-scheduler runs on in the comparison
 * @param serverHeap {@code -Xmx} of a started server
 * @param jfr where a started server writes a Flight Recording, when asked
 * @param json print JSON instead of the table
 * @param progress draw a progress bar on stderr
 */
public record BenchConfig(
    List<String> scenarios,
    Optional<String> db,
    Optional<URI> url,
    Optional<Long> serverPid,
    int count,
    int rate,
    Duration duration,
    int concurrency,
    int payloadBytes,
    int leaseBatch,
    int completeBatch,
    int enqueueBatch,
    int workers,
    int runs,
    boolean warmup,
    Duration maxRunTime,
    int backlog,
    int fanout,
    int llmCalls,
    boolean llmBudget,
    int limitKeys,
    int limitCap,
    int limitBlocked,
    String peerDb,
    String serverHeap,
    Optional<Path> jfr,
    boolean json,
    boolean progress) {
  public static final List<String> SCENARIOS =
      List.of(
          "throughput",
          "latency",
          "fanout",
          "backlog",
          "compare",
          "push",
          "llm",
          "limits",
          "observability",
          "sdk");
  public static final int MAX_LEASE_BATCH = 1000;

  public BenchConfig {
    scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios is null"));
    Objects.requireNonNull(db, "db is null");
    Objects.requireNonNull(url, "url is null");
    Objects.requireNonNull(serverPid, "serverPid is null");
    Objects.requireNonNull(maxRunTime, "maxRunTime is null");
    Objects.requireNonNull(duration, "duration is null");
    Objects.requireNonNull(peerDb, "peerDb is null");
    Objects.requireNonNull(serverHeap, "serverHeap is null");
    Objects.requireNonNull(jfr, "jfr is null");
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException(
          "name at least one scenario: " + String.join(", ", SCENARIOS) + " (or all)");
    }
    for (String s : scenarios) {
      if (!SCENARIOS.contains(s)) {
        throw new IllegalArgumentException(
            "unknown scenario '" + s + "': use " + String.join(", ", SCENARIOS) + " or all");
      }
    }
    positive(count, "--count");
    positive(rate, "--rate");
    positive(concurrency, "--concurrency");
    positive(workers, "--workers");
    positive(runs, "--runs");
    positive(backlog, "--backlog");
    positive(fanout, "--fanout");
    positive(llmCalls, "--llm-calls");
    positive(limitKeys, "--limit-keys");
    positive(limitCap, "--limit-cap");
    if (limitBlocked < 2) {
      throw new IllegalArgumentException("--limit-blocked must be at least 2, got " + limitBlocked);
    }
    if (payloadBytes < 16 || payloadBytes > 1_000_000) {
      throw new IllegalArgumentException(
          "--payload-bytes must be between 16 and 1000000, got " + payloadBytes);
    }
    if (leaseBatch < 1 || leaseBatch > MAX_LEASE_BATCH) {
      throw new IllegalArgumentException(
          "--lease-batch must be between 1 and 1000, got " + leaseBatch);
    }
    if (enqueueBatch < 1 || enqueueBatch > MAX_LEASE_BATCH) {
      throw new IllegalArgumentException(
          "--enqueue-batch must be between 1 and 1000, got " + enqueueBatch);
    }
    if (completeBatch < 1 || completeBatch > MAX_LEASE_BATCH) {
      throw new IllegalArgumentException(
          "--complete-batch must be between 1 and 1000, got " + completeBatch);
    }
    if (maxRunTime.isNegative()
        || maxRunTime.isZero()
        || maxRunTime.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "--max-seconds must be between 1 and 3600, got " + maxRunTime.toSeconds());
    }
    if (duration.isNegative() || duration.isZero() || duration.compareTo(maxRunTime) > 0) {
      throw new IllegalArgumentException(
          "--duration must be positive and at most --max-seconds, got " + duration.toSeconds());
    }
    url.ifPresent(BenchConfig::requireLoopback);
  }

  private static void positive(int value, String flag) {
    if (value < 1) {
      throw new IllegalArgumentException(flag + " must be positive, got " + value);
    }
  }

  /** The harness only ever talks to this machine: a load test aimed elsewhere is refused. */
  static void requireLoopback(URI uri) {
    String host = uri.getHost();
    try {
      if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
        throw new IllegalArgumentException(
            "--url must point at this machine's loopback (127.0.0.1, localhost, ::1), got " + uri);
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--url host '" + host + "' is unknown", e);
    }
  }

  /** Invocations of one fixed-rate run. */
  public int fixedRateCount() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, rate * duration.toMillis() / 1000));
  }

  /** The configuration with another invocation count (warm-up runs are shorter). */
  public BenchConfig withCount(int n, Duration d) {
    return new BenchConfig(
        scenarios,
        db,
        url,
        serverPid,
        n,
        rate,
        d,
        concurrency,
        payloadBytes,
        leaseBatch,
        completeBatch,
        enqueueBatch,
        workers,
        runs,
        warmup,
        maxRunTime,
        backlog,
        fanout,
        llmCalls,
        llmBudget,
        limitKeys,
        limitCap,
        limitBlocked,
        peerDb,
        serverHeap,
        jfr,
        json,
        progress);
  }
}
