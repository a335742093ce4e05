package dev.agentdispatch.cli;

import dev.agentdispatch.examples.greeter.GreeterAgent;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Starts the greeter example with the SDK, pointed where the CLI options say. */
final class ExampleRunner {
  private ExampleRunner() {}

  static int runGreeter(ClientOptions options) throws InterruptedException {
    DispatchClient client =
        DispatchClient.builder()
            .baseUrl(options.server)
            .namespace(options.namespace)
            .apiKey(Optional.ofNullable(options.apiKey).filter(k -> !k.isBlank()))
            .build();
    Worker worker = GreeterAgent.start(client);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  worker.stop();
                  stopped.countDown();
                },
                "example-shutdown"));
    System.out.println(
        "greeter agent is serving greeter.greet and greeter.shout at "
            + options.server
            + " (namespace "
            + options.namespace
            + "). Press Ctrl-C to stop.");
    System.out.println("Try:  ./dispatch invoke greeter.greet '{\"name\":\"Ada\"}' --wait");
    stopped.await();
    return 0;
  }
}
