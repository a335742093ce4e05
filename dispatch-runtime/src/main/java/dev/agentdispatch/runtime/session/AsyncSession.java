package dev.agentdispatch.runtime.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The {@link CompletableFuture} face of a {@link Session}. Every operation runs the same code as
 * the synchronous session, on the given executor (pass a virtual-thread executor on Java 21+), so
 * the two can never drift apart. The executor is not shut down by {@link #close()}.
 *
 * <p>Cancelling a returned future cancels the session, as cancelling the task of Python's {@code
 * async with} does: the worker becomes CANCELLED and one {@code agent.failed} event with class and
 * status cancelled is emitted. {@code cancel(true)} also interrupts the call, so it stops; with
 * {@code cancel(false)} the call runs to its end and its result is dropped. Futures derived from a
 * returned one ({@code thenApply}, ...) do not pass a cancel back to it.
 */
public final class AsyncSession implements AutoCloseable {
  static final String CANCELLED_DETAIL = "async session cancelled";

  private final Session session;
  private final ExecutorService executor;

  AsyncSession(Session session, ExecutorService executor) {
    this.session = Objects.requireNonNull(session, "session is null");
    this.executor = Objects.requireNonNull(executor, "executor is null");
  }

  /** The synchronous session underneath (events, usage, worker). */
  public Session session() {
    return session;
  }

  public <T> CompletableFuture<TurnResult<T>> runTurn(TurnCall<T> fn, TurnOptions options) {
    return submit(() -> session.runTurn(fn, options));
  }

  public <T> CompletableFuture<T> runTool(String tool, ToolCall<T> fn) {
    return submit(() -> session.runTool(tool, fn));
  }

  public <T> CompletableFuture<List<T>> runParallelTools(
      List<Callable<T>> calls, Optional<Duration> timeout) {
    return submit(() -> session.runParallelTools(calls, timeout));
  }

  /** {@link Session#handoffTo}, on the executor. */
  public CompletableFuture<dev.agentdispatch.runtime.handoff.Handoff> handoffTo(
      String targetRole, String reason, java.util.Map<String, Object> context) {
    return submit(() -> session.handoffTo(targetRole, reason, context));
  }

  /** {@link Session#evaluatePolicyAsync}: asynchronous conditions are awaited, not blocked on. */
  public CompletableFuture<java.util.List<dev.agentdispatch.runtime.policy.PolicyActionData>>
      evaluatePolicy(
          java.util.function.UnaryOperator<dev.agentdispatch.runtime.policy.PhaseContext.Builder>
              customise) {
    return session.evaluatePolicyAsync(customise);
  }

  private <T> CompletableFuture<T> submit(Supplier<T> operation) {
    CancellableCall<T> call = new CancellableCall<>(() -> session.cancelIfActive(CANCELLED_DETAIL));
    executor.execute(() -> call.run(operation));
    return call;
  }

  public CompletableFuture<Object> pauseForInput(String prompt) {
    return session.pauseForInput(prompt);
  }

  public void provideInput(Object value) {
    session.provideInput(value);
  }

  @Override
  public void close() {
    session.close();
  }
}
