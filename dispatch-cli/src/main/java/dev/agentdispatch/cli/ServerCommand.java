package dev.agentdispatch.cli;

import dev.agentdispatch.server.DispatchServer;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.llm.gateway.GatewaySettings;
import dev.agentdispatch.server.app.tasks.TrackerSettings;
import dev.agentdispatch.server.config.LogFormat;
import dev.agentdispatch.server.delivery.PushSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dispatch server}: runs a server node until Ctrl-C, then shuts down gracefully. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Start the Agent Dispatch server.")
final class ServerCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      description = "TCP port (env DISPATCH_PORT; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_PORT:-7070}")
  int port;

  @Option(
      names = "--bind",
      description =
          "Address to listen on (env DISPATCH_BIND; default ${DEFAULT-VALUE}). "
              + "Any address but loopback requires API keys.",
      defaultValue = "${env:DISPATCH_BIND:-127.0.0.1}")
  String bind;

  @Option(
      names = "--db",
      description = "Database URL (env DISPATCH_DB; default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_DB:-sqlite:./data/dispatch.db}")
  String db;

  @Option(
      names = "--retention",
      description =
          "Keep finished invocations this long, e.g. 7d, 12h, 30m (default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_RETENTION:-7d}")
  String retention;

  @Option(
      names = "--max-in-flight",
      description =
          "Requests worked on at once (streams and long-polls aside); past it a request waits up to"
              + " 250 ms for a turn, then gets 503 with Retry-After (default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_MAX_IN_FLIGHT:-256}")
  int maxInFlight;

  @Option(names = "--require-auth", description = "Require API keys even on loopback.")
  boolean requireAuth;

  @Option(
      names = "--config",
      description =
          "Configuration file (.toml or .json; env DISPATCH_CONFIG): LLM providers, model aliases"
              + " and prices, applied at every start.",
      defaultValue = "${env:DISPATCH_CONFIG}")
  Path configFile;

  @Option(
      names = "--llm-first-byte-timeout",
      description =
          "How long a model provider may take to its first byte before the gateway tries the next"
              + " (default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_LLM_FIRST_BYTE_TIMEOUT:-60s}")
  String llmFirstByteTimeout;

  @Option(
      names = "--llm-timeout",
      description = "How long one model call may take in all (default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_LLM_TIMEOUT:-600s}")
  String llmTimeout;

  @Option(
      names = "--pricing",
      description =
          "A JSON pricing table (USD per million tokens per model) replacing the built-in one"
              + " (env DISPATCH_LLM_PRICING).",
      defaultValue = "${env:DISPATCH_LLM_PRICING}")
  Path pricing;

  @Option(
      names = "--push-health-interval",
      description =
          "How often gRPC push agents get a HealthCheck (env DISPATCH_PUSH_HEALTH_INTERVAL;"
              + " default ${DEFAULT-VALUE}).",
      defaultValue = "${env:DISPATCH_PUSH_HEALTH_INTERVAL:-10s}")
  String pushHealthInterval;

  @Option(
      names = "--push-ca",
      description =
          "PEM file of the CAs that TLS push agents' certificates must chain to"
              + " (env DISPATCH_PUSH_CA; default: the JVM's trust store).",
      defaultValue = "${env:DISPATCH_PUSH_CA}")
  Path pushCa;

  @Option(
      names = "--push-client-cert",
      description =
          "PEM certificate chain shown to TLS push agents, for mTLS (env DISPATCH_PUSH_CLIENT_CERT;"
              + " needs --push-client-key).",
      defaultValue = "${env:DISPATCH_PUSH_CLIENT_CERT}")
  Path pushClientCert;

  @Option(
      names = "--push-client-key",
      description = "PEM PKCS#8 private key of --push-client-cert (env DISPATCH_PUSH_CLIENT_KEY).",
      defaultValue = "${env:DISPATCH_PUSH_CLIENT_KEY}")
  Path pushClientKey;

  @Option(
      names = "--log-format",
      description =
          "text (default) or json: one JSON object a line, with the ids of the work a line is about"
              + " (env DISPATCH_LOG_FORMAT).",
      defaultValue = "${env:DISPATCH_LOG_FORMAT:-text}")
  String logFormat;

  @Option(
      names = "--no-metrics",
      description =
          "Keep no meters and serve no /metrics (on by default: Prometheus text at /metrics,"
              + " OTLP too when OTEL_METRICS_EXPORTER=otlp).")
  boolean noMetrics;

  @Override
  public Integer call() throws InterruptedException {
    LogFormat format;
    try {
      format = LogFormat.parse(logFormat);
    } catch (IllegalArgumentException e) {
      throw new CliException("--log-format: " + e.getMessage());
    }
    format.apply();
    ServerConfig config =
        new ServerConfig(
            port,
            bind,
            db,
            Durations.parse(retention, "--retention"),
            requireAuth,
            ServerConfig.DEFAULT_SWEEP_INTERVAL,
            InvocationService.DEFAULT_MAX_PAYLOAD_BYTES,
            Optional.ofNullable(configFile),
            Optional.ofNullable(pricing),
            GatewaySettings.defaults()
                .withTimeouts(
                    Durations.parse(llmFirstByteTimeout, "--llm-first-byte-timeout"),
                    Durations.parse(llmTimeout, "--llm-timeout")),
            new PushSettings(
                Durations.parse(pushHealthInterval, "--push-health-interval"),
                Optional.ofNullable(pushCa),
                Optional.ofNullable(pushClientCert),
                Optional.ofNullable(pushClientKey)),
            !noMetrics,
            TrackerSettings.fromEnvironment(System.getenv()),
            maxInFlight);
    DispatchServer server = DispatchServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "shutdown"));
    System.out.printf(
        "Agent Dispatch is up at http://%s:%d  (store %s)%n",
        bind, server.port(), server.store().describe());
    System.out.printf("Dashboard: http://%s:%d/ui/%n", bind, server.port());
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
