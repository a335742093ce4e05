package dev.agentdispatch.runtime.sinks;

import dev.agentdispatch.sdk.worker.Context;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reports runtime events to the invocation an Agent Dispatch SDK worker is running, through the
 * SDK's {@link Context#report}. Needs {@code dispatch-sdk} on the classpath (an optional dependency
 * of the runtime). Use {@link #current()} inside a handler, or {@link #of(Context)} when tools run
 * on other threads. Events reported with no invocation at hand are dropped: the runtime works
 * outside workers too.
 *
 * <pre>{@code
 * DispatchServerSink sink = new DispatchServerSink(WorkerContextReporter.of(ctx));
 * }</pre>
 */
public final class WorkerContextReporter implements InvocationEventReporter {
  private final Supplier<Optional<Context>> context;

  private WorkerContextReporter(Supplier<Optional<Context>> context) {
    this.context = context;
  }

  /** Reports to whichever invocation the calling thread's SDK handler is running. */
  public static WorkerContextReporter current() {
    return new WorkerContextReporter(Context::current);
  }

  /** Reports to one invocation, from any thread. */
  public static WorkerContextReporter of(Context ctx) {
    Objects.requireNonNull(ctx, "ctx is null");
    Optional<Context> fixed = Optional.of(ctx);
    return new WorkerContextReporter(() -> fixed);
  }

  @Override
  public void report(InvocationEventType type, Map<String, Object> data) {
    context.get().ifPresent(ctx -> ctx.report(type.value(), data));
  }
}
