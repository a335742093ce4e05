package dev.agentdispatch.runtime.example;

import dev.agentdispatch.runtime.breaker.CircuitBreaker;
import dev.agentdispatch.runtime.breaker.CircuitBreakerConfig;
import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.routing.StaticProviderRouter;
import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnContext;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.sinks.RingBufferEventSink;
import dev.agentdispatch.runtime.usage.ModelPricing;
import dev.agentdispatch.runtime.usage.PricingRegistry;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.List;
import java.util.Map;

/**
 * A runnable tour of the runtime: a scripted two-provider "LLM" where the primary is down, run
 * through a session with per-provider breakers and acting recovery; then a tool call; then the
 * events and the usage summary are printed. A manual clock makes backoff instant.
 *
 * <p>Run it with {@code ./mvnw -q -pl dispatch-runtime exec:java
 * -Dexec.mainClass=dev.agentdispatch.runtime.example.ScriptedAgentExample}, or from an IDE.
 */
public final class ScriptedAgentExample {
  private ScriptedAgentExample() {}

  /** The scripted provider: "primary" answers 503, "backup" answers. */
  static String fakeLlm(TurnContext ctx) {
    String provider = ctx.provider().orElse("primary");
    if (provider.equals("primary")) {
      throw new IllegalStateException("503 Service Unavailable");
    }
    return "[" + provider + "] The capital of France is Paris.";
  }

  public static void main(String[] args) {
    ManualClock clock = new ManualClock();
    PricingRegistry pricing = new PricingRegistry();
    pricing.register("model-a", new ModelPricing(2.50, 10.0));
    RingBufferEventSink events = new RingBufferEventSink();

    AgentSession agent =
        AgentSession.builder("researcher", "answer")
            .clock(clock)
            .pricing(pricing)
            .eventSink(events)
            .budgetUsd(0.05)
            .initialProvider("primary")
            .providerRouter(new StaticProviderRouter(List.of("primary", "backup")))
            .breakerPerProvider(
                name -> CircuitBreaker.of(CircuitBreakerConfig.defaults(name), clock))
            .recovery(
                RecoveryExecutor.builder()
                    .clock(clock)
                    .escalationHandler(e -> System.out.println("ESCALATION: " + e.reason()))
                    .build())
            .build();

    String answer =
        agent.run(session -> {
          String text =
              session
                  .runTurn(
                      ScriptedAgentExample::fakeLlm,
                      TurnOptions.model("model-a").withUsage(UsageSnapshot.of(1200, 80)))
                  .result();
          session.runTool(
              "lookup_population", ctx -> Map.of("city", "Paris", "population", 2_100_000));
          print(session);
          return text;
        });

    System.out.println("answer: " + answer);
    System.out.println("backoff sleeps (virtual): " + clock.sleeps());
    events.events().forEach(e -> System.out.println("event: " + e.toJson()));
  }

  private static void print(Session session) {
    System.out.println("provider now: " + session.currentProvider().orElse("-"));
    System.out.println("usage: " + session.usage().summary());
  }
}
