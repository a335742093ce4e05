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

  /**
   * The most of this function's invocations running at once, over all workers and server nodes; 0
   * for no cap of its own (the agent's cap, {@link WorkerBuilder#maxConcurrency(int)}, still
   * applies). The server counts it when a worker leases work: what is over it waits pending, with
   * {@code blocked_by} {@code concurrency:function}, until a running attempt ends.
   *
   * @return 1..100,000, or 0 for none; a negative value fails {@link WorkerBuilder#build()}
   */
  int maxConcurrency() default 0;

  /**
   * The most of this function's invocations with the same {@link
   * dev.agentdispatch.sdk.client.InvokeOptions#concurrencyKey() concurrency key} under way at once;
   * 0 for no per-key limit. Under way means pending with a slot, or running: a retry waiting out
   * its backoff keeps its slot, so with 1 a key's invocations run one at a time, in order (by
   * priority, then arrival). The others wait pending with {@code blocked_by} {@code
   * concurrency:key}; invocations of other keys are not held up by them. Invocations without a key
   * are not limited. The limit in force when an invocation is created stays with it.
   *
   * @return 1..100,000, or 0 for none; a negative value fails {@link WorkerBuilder#build()}
   */
  int keyConcurrency() default 0;
}
