package dev.agentdispatch.sdk.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Subscribes a method to a topic pattern: each event published on a matching topic runs it once,
 * with the event's payload as its record. {@code *} matches one segment; a trailing {@code *}
 * matches one or more ({@code orders.*}). Repeat it for several patterns. Without {@link Fn} the
 * function is not directly callable; with it, it is both.
 *
 * <pre>{@code
 * @On("orders.created")
 * public void onOrder(Context ctx, Order order) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(On.List.class)
public @interface On {
  /** The topic pattern. */
  String value();

  /** The container of repeated {@link On} annotations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    /** The patterns. */
    On[] value();
  }
}
