package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.hooks.Hooks;
import dev.agentdispatch.runtime.streaming.StreamEvent;
import dev.agentdispatch.runtime.telemetry.TurnTrace;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
    var clock = session.config().clock();
    StringBuilder text = new StringBuilder();
    try (Stream<String> chunks = open(source, hooks, out)) {
      Iterator<String> it = chunks.iterator();
      while (true) {
        String chunk;
        try {
          if (!it.hasNext()) {
            break;
          }
          chunk = it.next();
        } catch (RuntimeException e) {
          throw fail(e, out);
        }
        text.append(chunk);
        // A CancellationException from the consumer propagates: the stream ends with no final
        // event.
        out.accept(StreamEvent.text(chunk, clock.wallNow()));
      }
    }
    Object result = Hooks.afterModel(session.config().hooks(), hooks, text.toString());
    UsageSnapshot usage =
        options
            .usage()
            .or(() -> options.estimateUsage().map(est -> est.apply(result)))
            .orElse(UsageSnapshot.EMPTY);
    session.account(options, result, usage, turn);
    out.accept(
        StreamEvent.finalEvent(
            "completed", Optional.empty(), Optional.of(usage.toMap()), clock.wallNow()));
    return new TurnResult<>(String.valueOf(result), usage);
  }

  private Stream<String> open(
      Session.ChunkSource source, HookContext hooks, Consumer<StreamEvent> out) {
    try {
      return source.open(hooks);
    } catch (Exception e) {
      throw fail(e, out);
    }
  }

  private RuntimeException fail(Exception e, Consumer<StreamEvent> out) {
    invoker.recordFailure(e);
    var clock = session.config().clock();
    String detail = FailureClassification.safeDetail(e);
    out.accept(StreamEvent.error(e.getClass().getSimpleName(), detail, clock.wallNow()));
    out.accept(
        StreamEvent.finalEvent("failed", Optional.of(detail), Optional.empty(), clock.wallNow()));
    return SessionCallException.propagate(e);
  }
}
