package dev.agentdispatch.runtime.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The {@link CompletableFuture} face of a {@link Session}. Every operation runs the same code as
 * the synchronous session, on the given executor (pass a virtual-thread executor on Java 21+), so
 * the two can never drift apart. The executor is not shut down by {@link #close()}.
 */
public final class AsyncSession implements AutoCloseable {
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
    return CompletableFuture.supplyAsync(() -> session.runTurn(fn, options), executor);
  }

  public <T> CompletableFuture<T> runTool(String tool, ToolCall<T> fn) {
    return CompletableFuture.supplyAsync(() -> session.runTool(tool, fn), executor);
  }

  public <T> CompletableFuture<List<T>> runParallelTools(
      List<Callable<T>> calls, Optional<Duration> timeout) {
    return CompletableFuture.supplyAsync(() -> session.runParallelTools(calls, timeout), executor);
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
