package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.governance.GovernanceBreachException;
import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.hooks.Hooks;
import dev.agentdispatch.runtime.streaming.StreamEvent;
import dev.agentdispatch.runtime.telemetry.TurnTrace;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/** One streamed turn; see {@link Session#runTurnStream}. */
final class StreamingTurn {
  private final Session session;
  private final TurnInvoker invoker;

  StreamingTurn(Session session, TurnInvoker invoker) {
    this.session = session;
    this.invoker = invoker;
  }

  TurnResult<String> run(
      Session.ChunkSource source, TurnOptions options, Consumer<StreamEvent> out, TurnTrace turn) {
    HookContext hooks = session.beginStream(options);
    String text;
    try {
      text = read(source, hooks, options, out);
    } catch (RuntimeException e) {
      if (FailureClassification.forException(e) == AgentFailureClass.CANCELLED) {
        // The consumer stopped the stream (or the turn was interrupted): no final event, but the
        // session remembers it, as the specification's _last_stream_cancelled.
        session.streamCancelled();
      }
      throw e;
    }
    Object result = Hooks.afterModel(session.config().hooks(), hooks, text);
    UsageSnapshot usage =
        options
            .usage()
            .or(() -> options.estimateUsage().map(est -> est.apply(result)))
            .orElse(UsageSnapshot.EMPTY);
    session.turnSucceeded(session.account(options, result, usage, turn));
    out.accept(
        StreamEvent.finalEvent(
            "completed",
            Optional.empty(),
            Optional.of(usage.toMap()),
            session.config().clock().wallNow()));
    return new TurnResult<>(String.valueOf(result), usage);
  }

  /** Emits one {@code text_delta} per chunk and returns the joined text. */
  private String read(
      Session.ChunkSource source,
      HookContext hooks,
      TurnOptions options,
      Consumer<StreamEvent> out) {
    Upstream upstream;
    try {
      upstream = Upstream.open(source, hooks, options.timeout());
    } catch (Exception e) {
      throw fail(e, out);
    }
    StringBuilder text = new StringBuilder();
    try {
      for (Optional<String> c = next(upstream, out); c.isPresent(); c = next(upstream, out)) {
        text.append(c.get());
        // A CancellationException from the consumer propagates: the stream ends with no final
        // event.
        out.accept(StreamEvent.text(c.get(), session.config().clock().wallNow()));
      }
    } finally {
      close(upstream);
    }
    return text.toString();
  }

  private Optional<String> next(Upstream upstream, Consumer<StreamEvent> out) {
    try {
      return upstream.next();
    } catch (Exception e) {
      throw fail(e, out);
    }
  }

  /**
   * Closes the upstream. The chunks have been read by now (or the turn already failed), so a close
   * that throws must not turn a good answer into a failed turn: it becomes a local diagnostic event
   * (component {@code stream_upstream}), as in the specification.
   */
  private void close(Upstream upstream) {
    try {
      upstream.close();
    } catch (RuntimeException e) {
      session.diagnostic("stream_upstream", e);
    }
  }

  private RuntimeException fail(Exception e, Consumer<StreamEvent> out) {
    if (e instanceof InterruptedException || e instanceof CancellationException) {
      // A cancelled turn is never "recovered", and like a consumer's cancellation it ends the
      // stream without a final event.
      return SessionCallException.propagate(e);
    }
    invoker.recordFailure(e);
    RuntimeException raised = SessionCallException.propagate(e);
    try {
      session.turnFailed(raised);
    } catch (GovernanceBreachException breach) {
      raised = breach; // reported after the stream's own error and final events
    }
    var clock = session.config().clock();
    String type = e.getClass().getSimpleName();
    String detail = FailureClassification.safeDetail(e);
    String message = detail;
    if (e instanceof TurnTimeoutException timeout) {
      type = "timeout";
      detail = "timeout";
      message = "stream exceeded " + seconds(timeout.timeout()) + "s";
    }
    out.accept(StreamEvent.error(type, message, clock.wallNow()));
    out.accept(
        StreamEvent.finalEvent("failed", Optional.of(detail), Optional.empty(), clock.wallNow()));
    return raised;
  }

  /** Seconds as Python prints a float: {@code 0.05}, {@code 1.0}. */
  private static String seconds(Duration d) {
    String plain = BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }
}
