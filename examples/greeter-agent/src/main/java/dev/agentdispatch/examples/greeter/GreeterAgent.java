package dev.agentdispatch.examples.greeter;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import dev.agentdispatch.sdk.worker.On;
import dev.agentdispatch.sdk.worker.Schedule;
import dev.agentdispatch.sdk.worker.Worker;
import java.util.Locale;

/**
 * The example agent {@value #AGENT}. {@code greet} shows a plain function; {@code shout} takes a
 * {@link Context} to log to the invocation's event log, and fails on purpose for an empty name to
 * show the error path (an {@link IllegalArgumentException} is not retried).
 *
 * <p>Run it with {@code java ... GreeterAgent} (reads {@code DISPATCH_URL}, {@code
 * DISPATCH_NAMESPACE}, {@code DISPATCH_API_KEY}), or {@code dispatch example greeter}.
 */
public final class GreeterAgent {
  /** The agent name. */
  public static final String AGENT = "greeter";

  /** Creates the handler object; it holds no state, so one instance serves all threads. */
  public GreeterAgent() {}

  /**
   * Greets someone by name.
   *
   * @param request who to greet, and in which language
   * @return the greeting
   */
  @Fn(description = "Greets someone by name, in English unless another language is asked for")
  public Greeting greet(GreetRequest request) {
    String name = request.name().isBlank() ? "friend" : request.name();
    String language =
        request
            .language()
            .filter(l -> Greetings.phrase(l).isPresent())
            .orElse(Greetings.DEFAULT_LANGUAGE);
    return new Greeting(Greetings.greet(name, language));
  }

  /**
   * Shouts a greeting; an empty name fails the invocation at once.
   *
   * @param ctx the invocation's context
   * @param request who to greet
   * @return the greeting in capitals
   */
  @Fn(description = "Shouts a greeting; fails (without retrying) when the name is empty")
  public Greeting shout(Context ctx, GreetRequest request) {
    if (request.name().isBlank()) {
      ctx.logger().warn("refusing to shout at nobody");
      throw new IllegalArgumentException("name must not be empty");
    }
    ctx.logger().info("shouting at {} (attempt {})", request.name(), ctx.attempt());
    return new Greeting(greet(request).message().toUpperCase(Locale.ROOT));
  }

  /**
   * Welcomes whoever a {@code greetings.*} event names: an event handler, not directly callable.
   *
   * @param ctx the invocation's context
   * @param request who to welcome
   * @return the greeting
   */
  @On("greetings.*")
  public Greeting welcome(Context ctx, GreetRequest request) {
    ctx.logger().info("welcoming {} (event handler)", request.name());
    return greet(request);
  }

  /**
   * Says hello to the world at the top of every hour, on a schedule declared with the agent.
   *
   * @param request the schedule's payload
   * @return the greeting
   */
  @Fn(description = "Greets the world once an hour")
  @Schedule(cron = "0 * * * *", payload = "{\"name\":\"world\"}")
  public Greeting hourly(GreetRequest request) {
    return greet(request);
  }

  /**
   * Builds the worker for this agent without starting it.
   *
   * @param client the client to serve through
   * @return the worker, not started
   */
  public static Worker build(DispatchClient client) {
    return Worker.builder()
        .client(client)
        .agent(AGENT)
        .description("Greets people; an example agent for Agent Dispatch")
        .version("1.0")
        .register(new GreeterAgent())
        .build();
  }

  /**
   * Builds and starts the worker for this agent.
   *
   * @param client the client to serve through
   * @return the started worker; call {@link Worker#stop()} to stop it
   */
  public static Worker start(DispatchClient client) {
    return build(client).start();
  }

  /**
   * Serves the agent until the process is interrupted (Ctrl-C), then stops gracefully.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    DispatchClient client = DispatchClient.fromEnvironment();
    Worker worker = start(client);
    Runtime.getRuntime().addShutdownHook(new Thread(worker::stop, "greeter-shutdown"));
    System.out.println(
        "greeter agent serving "
            + worker.registration().functions().size()
            + " functions (greet, shout) on "
            + client.config().baseUrl()
            + ", namespace "
            + client.config().namespace()
            + "; press Ctrl-C to stop");
  }
}
