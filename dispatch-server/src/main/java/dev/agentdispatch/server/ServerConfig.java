package dev.agentdispatch.server;

import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.llm.gateway.GatewaySettings;
import dev.agentdispatch.server.app.tasks.TrackerSettings;
import dev.agentdispatch.server.delivery.PushSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the server is started with, validated once at start and then fixed.
 *
 * @param port TCP port; 0 picks a free one
 * @param bind address to listen on; anything but loopback turns auth on
 * @param dbUrl {@code sqlite:PATH}
 * @param retention terminal invocations older than this are pruned
 * @param requireAuth force API keys even on loopback
 * @param sweepInterval how often leases and deadlines are checked
 * @param configFile the configuration file ({@code --config}): LLM providers, aliases and prices
 * @param pricingFile a JSON pricing table that replaces the built-in one ({@code --pricing}); it is
 *     read and checked at start
 * @param llm the LLM gateway's timeouts, retries and breakers
 * @param push how this node pushes to agents whose delivery is grpc or http
 * @param trackers the issue trackers' API roots and tokens ({@link TrackerSettings})
 * @param metrics whether the node keeps meters and serves them at {@code /metrics} ({@code
 *     --no-metrics} turns them off)
 * @param maxInFlight how many requests the node works on at once ({@code --max-in-flight}); past
 *     it, requests wait briefly for a turn and are then refused with 503 and {@code Retry-After}.
 *     Streams and long-polls, which mostly wait, are not counted
 */
public record ServerConfig(
    int port,
    String bind,
    String dbUrl,
    Duration retention,
    boolean requireAuth,
    Duration sweepInterval,
    int maxPayloadBytes,
    Optional<Path> configFile,
    Optional<Path> pricingFile,
    GatewaySettings llm,
    PushSettings push,
    boolean metrics,
    TrackerSettings trackers,
    int maxInFlight) {
  public static final int DEFAULT_PORT = 7070;
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMillis(500);
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  public ServerConfig {
    Objects.requireNonNull(bind, "bind is null");
    Objects.requireNonNull(dbUrl, "dbUrl is null");
    Objects.requireNonNull(retention, "retention is null");
    Objects.requireNonNull(sweepInterval, "sweepInterval is null");
    Objects.requireNonNull(configFile, "configFile is null");
    Objects.requireNonNull(pricingFile, "pricingFile is null");
    Objects.requireNonNull(llm, "llm is null");
    Objects.requireNonNull(push, "push is null");
    Objects.requireNonNull(trackers, "trackers is null");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("--retention must be positive, got " + retention);
    }
    if (maxPayloadBytes < 1) {
      throw new IllegalArgumentException("max payload bytes must be positive");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("--max-in-flight must be positive, got " + maxInFlight);
    }
  }

  /** A config with no configuration file, the built-in prices and the defaults of the rest. */
  public ServerConfig(
      int port,
      String bind,
      String dbUrl,
      Duration retention,
      boolean requireAuth,
      Duration sweepInterval,
      int maxPayloadBytes) {
    this(
        port,
        bind,
        dbUrl,
        retention,
        requireAuth,
        sweepInterval,
        maxPayloadBytes,
        Optional.empty(),
        Optional.empty(),
        GatewaySettings.defaults(),
        PushSettings.DEFAULTS,
        true,
        TrackerSettings.fromEnvironment(System.getenv()),
        DEFAULT_MAX_IN_FLIGHT);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(
        DEFAULT_PORT,
        DEFAULT_BIND,
        "sqlite:./data/dispatch.db",
        DEFAULT_RETENTION,
        false,
        DEFAULT_SWEEP_INTERVAL,
        InvocationService.DEFAULT_MAX_PAYLOAD_BYTES);
  }

  public ServerConfig withPort(int p) {
    return toBuilder().port(p).build();
  }

  public ServerConfig withDb(String url) {
    return toBuilder().dbUrl(url).build();
  }

  public ServerConfig withRequireAuth(boolean required) {
    return toBuilder().requireAuth(required).build();
  }

  public ServerConfig withSweepInterval(Duration interval) {
    return toBuilder().sweepInterval(interval).build();
  }

  /** With the configuration file ({@code --config}) applied at start. */
  public ServerConfig withConfigFile(Path file) {
    return toBuilder().configFile(Optional.of(file)).build();
  }

  /** With the pricing table read from {@code file} instead of the built-in one. */
  public ServerConfig withPricingFile(Path file) {
    return toBuilder().pricingFile(Optional.of(file)).build();
  }

  public ServerConfig withLlm(GatewaySettings settings) {
    return toBuilder().llm(settings).build();
  }

  public ServerConfig withPush(PushSettings settings) {
    return toBuilder().push(settings).build();
  }

  /** Turns the node's meters and {@code /metrics} on or off. */
  public ServerConfig withMetrics(boolean on) {
    return toBuilder().metrics(on).build();
  }

  /** Uses these issue trackers (tests point them at a stand-in). */
  public ServerConfig withTrackers(TrackerSettings t) {
    return toBuilder().trackers(t).build();
  }

  /** Works on at most {@code n} requests at once (streams and long-polls aside). */
  public ServerConfig withMaxInFlight(int n) {
    return toBuilder().maxInFlight(n).build();
  }

  /** A builder holding this config's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes some of a config's values; {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private int port;
    private String bind;
    private String dbUrl;
    private Duration retention;
    private boolean requireAuth;
    private Duration sweepInterval;
    private int maxPayloadBytes;
    private Optional<Path> configFile;
    private Optional<Path> pricingFile;
    private GatewaySettings llm;
    private PushSettings push;
    private boolean metrics;
    private TrackerSettings trackers;
    private int maxInFlight;

    private Builder(ServerConfig c) {
      port = c.port;
      bind = c.bind;
      dbUrl = c.dbUrl;
      retention = c.retention;
      requireAuth = c.requireAuth;
      sweepInterval = c.sweepInterval;
      maxPayloadBytes = c.maxPayloadBytes;
      configFile = c.configFile;
      pricingFile = c.pricingFile;
      llm = c.llm;
      push = c.push;
      metrics = c.metrics;
      trackers = c.trackers;
      maxInFlight = c.maxInFlight;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder dbUrl(String value) {
      dbUrl = value;
      return this;
    }

    public Builder requireAuth(boolean value) {
      requireAuth = value;
      return this;
    }

    public Builder sweepInterval(Duration value) {
      sweepInterval = value;
      return this;
    }

    public Builder configFile(Optional<Path> value) {
      configFile = value;
      return this;
    }

    public Builder pricingFile(Optional<Path> value) {
      pricingFile = value;
      return this;
    }

    public Builder llm(GatewaySettings value) {
      llm = value;
      return this;
    }

    public Builder push(PushSettings value) {
      push = value;
      return this;
    }

    public Builder metrics(boolean value) {
      metrics = value;
      return this;
    }

    public Builder trackers(TrackerSettings value) {
      trackers = value;
      return this;
    }

    public Builder maxInFlight(int value) {
      maxInFlight = value;
      return this;
    }

    public ServerConfig build() {
      return new ServerConfig(
          port,
          bind,
          dbUrl,
          retention,
          requireAuth,
          sweepInterval,
          maxPayloadBytes,
          configFile,
          pricingFile,
          llm,
          push,
          metrics,
          trackers,
          maxInFlight);
    }
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
