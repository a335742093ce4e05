package dev.agentdispatch.server;

import java.time.Duration;

/**
 * A bare entry point ({@code server --port N --db URL [--config FILE] [--pricing FILE]}) used to
 * run the server as its own process, e.g. by the crash tests; people use the {@code dispatch
 * server} command.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServerConfig config = ServerConfig.defaults().withSweepInterval(Duration.ofMillis(200));
    for (int i = 0; i < args.length - 1; i++) {
      switch (args[i]) {
        case "--port" -> config = config.withPort(Integer.parseInt(args[++i]));
        case "--db" -> config = config.withDb(args[++i]);
        case "--config" -> config = config.withConfigFile(java.nio.file.Path.of(args[++i]));
        case "--pricing" -> config = config.withPricingFile(java.nio.file.Path.of(args[++i]));
        default -> {}
      }
    }
    DispatchServer server = DispatchServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.currentThread().join();
  }
}
