package dev.agentdispatch.bench.scenario;

/** The scenarios by name. */
public final class Scenarios {
  private Scenarios() {}

  public static Scenario create(String name) {
    return switch (name) {
      case "throughput" -> new ThroughputScenario();
      case "latency" -> new LatencyScenario();
      case "fanout" -> new FanoutScenario();
      case "backlog" -> new BacklogScenario();
      case "compare" -> new CompareScenario();
      case "push" -> new PushScenario();
      case "llm" -> new LlmScenario();
      case "limits" -> new LimitsScenario();
      case "observability" -> new ObservabilityScenario();
      case "sdk" -> new SdkScenario();
      default -> throw new IllegalArgumentException("unknown scenario '" + name + "'");
    };
  }
}
