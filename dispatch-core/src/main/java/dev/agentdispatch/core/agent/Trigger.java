package dev.agentdispatch.core.agent;

import java.util.Objects;
import java.util.Optional;

/** How a function is reached (DESIGN §1). */
public sealed interface Trigger {
  /** Direct invocation. */
  record Callable() implements Trigger {}

  /** Subscription to a topic pattern. */
  record Topic(String topic) implements Trigger {
    public Topic {
      Objects.requireNonNull(topic, "topic is null");
    }
  }

  /** Cron schedule. */
  record Schedule(String cron, Optional<String> timezone, Optional<String> payloadJson)
      implements Trigger {
    public Schedule {
      Objects.requireNonNull(cron, "cron is null");
      Objects.requireNonNull(timezone, "timezone is null");
      Objects.requireNonNull(payloadJson, "payloadJson is null");
    }
  }
}
