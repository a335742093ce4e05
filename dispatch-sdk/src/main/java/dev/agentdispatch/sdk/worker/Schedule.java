package dev.agentdispatch.sdk.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a function on a cron schedule, declared with the agent's registration (the server keeps it
 * as schedule {@code agent.function}). Five fields ({@code "0 9 * * MON-FRI"}) or six with leading
 * seconds. The function receives {@code payload} (default {@code {}}), so its record must accept
 * it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Schedule.List.class)
public @interface Schedule {
  /** The cron expression. */
  String cron();

  /** An IANA time zone. */
  String timezone() default "UTC";

  /** The payload of each fire, as JSON. */
  String payload() default "{}";

  /** The container of repeated {@link Schedule} annotations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    /** The schedules. */
    Schedule[] value();
  }
}
