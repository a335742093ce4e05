package dev.agentdispatch.cli;

import dev.agentdispatch.examples.chat.ChatAgent;
import dev.agentdispatch.examples.greeter.GreeterAgent;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** Starts the example agents with the SDK, pointed where the CLI options say. */
final class ExampleRunner {
  private ExampleRunner() {}

  /** Runs {@code name} ({@code greeter}, {@code chat} or {@code all}) until Ctrl-C. */
  static int run(ClientOptions options, String name) throws InterruptedException {
    DispatchClient client =
        DispatchClient.builder()
            .baseUrl(options.server)
            .namespace(options.namespace)
            .apiKey(Optional.ofNullable(options.apiKey).filter(k -> !k.isBlank()))
            .build();
    boolean all = name.equals("all");
    List<Worker> workers = new ArrayList<>();
    if (all || name.equals("greeter")) {
      workers.add(GreeterAgent.start(client));
      System.out.println(
          "greeter agent is serving greeter.greet and greeter.shout at "
              + options.server
              + " (namespace "
              + options.namespace
              + ").");
      System.out.println("Try:  ./dispatch invoke greeter.greet '{\"name\":\"Ada\"}' --wait");
    }
    if (all || name.equals("chat")) {
      workers.add(ChatAgent.start(client));
      System.out.println(
          "chat agent is serving chat.turn (a conversational function) at "
              + options.server
              + " (namespace "
              + options.namespace
              + ").");
      System.out.println(
          "Try:  ./dispatch invoke chat.turn '{\"text\":\"hello\"}' --wait, or any MCP client"
              + " on "
              + options.server
              + "/mcp/"
              + options.namespace);
    }
    System.out.println("Press Ctrl-C to stop.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  workers.forEach(Worker::stop);
                  stopped.countDown();
                },
                "example-shutdown"));
    stopped.await();
    return 0;
  }
}
