package dev.agentdispatch.server;

import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.delivery.PushSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server is started with, validated once at start and then fixed.
 *
 * @param port TCP port; 0 picks a free one
 * @param bind address to listen on; anything but loopback turns auth on
 * @param dbUrl {@code sqlite:PATH}
 * @param retention terminal invocations older than this are pruned
 * @param requireAuth force API keys even on loopback
 * @param sweepInterval how often leases and deadlines are checked
 * @param push how this node pushes to agents whose delivery is grpc or http
 */
public record ServerConfig(
    int port,
    String bind,
    String dbUrl,
    Duration retention,
    boolean requireAuth,
    Duration sweepInterval,
    int maxPayloadBytes,
    PushSettings push) {
  public static final int DEFAULT_PORT = 7070;
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(500);

  public ServerConfig {
    Objects.requireNonNull(bind, "bind is null");
    Objects.requireNonNull(dbUrl, "dbUrl is null");
    Objects.requireNonNull(retention, "retention is null");
    Objects.requireNonNull(sweepInterval, "sweepInterval is null");
    Objects.requireNonNull(push, "push is null");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("--retention must be positive, got " + retention);
    }
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("max payload bytes must be positive");
    }
  }

  public static ServerConfig defaults() {
    return new ServerConfig(
        DEFAULT_PORT,
        DEFAULT_BIND,
        "sqlite:./data/dispatch.db",
        DEFAULT_RETENTION,
        false,
        DEFAULT_SWEEP_INTERVAL,
        InvocationService.DEFAULT_MAX_PAYLOAD_BYTES,
        PushSettings.DEFAULTS);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(
        p, bind, dbUrl, retention, requireAuth, sweepInterval, maxPayloadBytes, push);
  }

  public ServerConfig withDb(String url) {
    return new ServerConfig(
        port, bind, url, retention, requireAuth, sweepInterval, maxPayloadBytes, push);
  }

  public ServerConfig withRequireAuth(boolean required) {
    return new ServerConfig(
        port, bind, dbUrl, retention, required, sweepInterval, maxPayloadBytes, push);
  }

  public ServerConfig withSweepInterval(Duration interval) {
    return new ServerConfig(
        port, bind, dbUrl, retention, requireAuth, interval, maxPayloadBytes, push);
  }

  public ServerConfig withPush(PushSettings settings) {
    return new ServerConfig(
        port, bind, dbUrl, retention, requireAuth, sweepInterval, maxPayloadBytes, settings);
  }

  /** True when the server listens only on the loopback interface. */
  public boolean loopbackOnly() {
    return bind.equals("127.0.0.1")
        || bind.equals("localhost")
        || bind.equals("::1")
        || bind.startsWith("127.");
  }

  /** Auth is on when forced, or whenever the server is reachable from other machines. */
  public boolean authRequired() {
    return requireAuth || !loopbackOnly();
  }
}
