package dev.agentdispatch.server;

import dev.agentdispatch.server.config.LogFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A bare entry point ({@code server --port N --db URL [--config FILE] [--pricing FILE] [--push-ca
 * PEM] [--push-client-cert PEM --push-client-key PEM] [--log-format text|json] [--no-metrics]
 * [--max-in-flight N]}) used to run the server as its own process, e.g. by the crash tests; people
 * use the {@code dispatch server} command.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServerConfig config = ServerConfig.defaults().withSweepInterval(Duration.ofMillis(200));
    Optional<Path> ca = Optional.empty();
    Optional<Path> cert = Optional.empty();
    Optional<Path> key = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--no-metrics" -> config = config.withMetrics(false);
        case "--port" -> config = config.withPort(Integer.parseInt(args[++i]));
        case "--max-in-flight" -> config = config.withMaxInFlight(Integer.parseInt(args[++i]));
        case "--db" -> config = config.withDb(args[++i]);
        case "--config" -> config = config.withConfigFile(Path.of(args[++i]));
        case "--pricing" -> config = config.withPricingFile(Path.of(args[++i]));
        case "--push-ca" -> ca = Optional.of(Path.of(args[++i]));
        case "--push-client-cert" -> cert = Optional.of(Path.of(args[++i]));
        case "--push-client-key" -> key = Optional.of(Path.of(args[++i]));
        case "--log-format" -> LogFormat.parse(args[++i]).apply();
        default -> {}
      }
    }
    config = config.withPush(config.push().withTls(ca, cert, key));
    DispatchServer server = DispatchServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
