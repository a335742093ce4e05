package dev.agentdispatch.sdk.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method as a function of the agent a {@link Worker} serves.
 *
 * <p>The method takes exactly one record (the payload), optionally with a {@link Context} before or
 * after it, and returns a record (the result) or {@code void}. Its input and output JSON Schemas
 * are generated from the records. An exception fails the attempt; a {@link NonRetryableException}
 * or {@link IllegalArgumentException} fails the invocation at once.
 *
 * <pre>{@code
 * @Fn(description = "Greets someone")
 * public Greeting greet(GreetRequest request, Context ctx) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Fn {
  /**
   * The function name; defaults to the method name.
   *
   * @return the name, or empty for the method name
   */
  String name() default "";

  /**
   * What the function does, shown to people and to LLMs that call it as a tool.
   *
   * @return the description, or empty for none
   */
  String description() default "";

  /**
   * Total attempts; 0 keeps the server default (3).
   *
   * @return the attempt count, or 0
   */
  int maxAttempts() default 0;

  /**
   * Overall deadline of an invocation in seconds; 0 keeps the server default.
   *
   * @return the deadline, or 0
   */
  int timeoutSeconds() default 0;

  /**
   * Bound of one attempt in seconds; 0 for none.
   *
   * @return the bound, or 0
   */
  int attemptTimeoutSeconds() default 0;

  /**
   * Exception types that end the invocation without retrying, matched by simple class name.
   *
   * @return the exception types
   */
  Class<? extends Throwable>[] nonRetryable() default {};
}
