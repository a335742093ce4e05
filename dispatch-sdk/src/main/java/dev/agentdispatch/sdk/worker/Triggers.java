package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.Trigger;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The triggers a handler method declares through {@link Fn}, {@link On} and {@link Schedule}. */
final class Triggers {
  private Triggers() {}

  static boolean declaresAny(Method m) {
    return m.isAnnotationPresent(Fn.class) || m.getAnnotationsByType(On.class).length > 0;
  }

  static List<Trigger> of(Method m) {
    List<Trigger> out = new ArrayList<>();
    if (m.isAnnotationPresent(Fn.class)) {
      out.add(Trigger.callable());
    }
    for (On on : m.getAnnotationsByType(On.class)) {
      out.add(Trigger.topic(on.value()));
    }
    for (Schedule s : m.getAnnotationsByType(Schedule.class)) {
      out.add(Trigger.schedule(s.cron(), s.timezone(), Json.payload().readTree(s.payload())));
    }
    return out;
  }

  /** The {@link Fn} settings, if the method has them. */
  static Optional<Fn> fn(Method m) {
    return Optional.ofNullable(m.getAnnotation(Fn.class));
  }
}
