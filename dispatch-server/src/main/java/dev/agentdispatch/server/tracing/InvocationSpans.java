package dev.agentdispatch.server.tracing;

import dev.agentdispatch.core.invocation.AttemptOutcome;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Lease;
import dev.agentdispatch.core.invocation.Transition;
import dev.agentdispatch.store.StoreEvent;
import dev.agentdispatch.store.StoreListener;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the store's committed transitions into the spans of stored work: one span per invocation
 * (from its creation to its first end), and per attempt one span from the moment it could be leased
 * to its end, whose event {@code leased} ends its wait in the queue (a span each would add a
 * quarter to the spans exported for little more). Every id and time comes from stored fields (see
 * {@link TraceIds}), so the node that ends an attempt emits the same span whichever node leased it.
 *
 * <p>The store calls it on its writer thread, which must not wait: a transition that ends a span is
 * queued (bounded; dropped, and counted, when full) and a thread of its own builds the spans and
 * hands them to the SDK's batch processor. {@link #close} builds what is queued first.
 */
public final class InvocationSpans implements StoreListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvocationSpans.class);
  private static final String WAITING = "waiting_for_input";
  private static final int QUEUE = 65_536;

  private final ServerTracing tracing;
  private final BlockingQueue<StoreEvent.InvocationTransitioned> queue =
      new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread builder;
  private volatile boolean closing;

  /** Starts the thread that builds the spans. */
  public InvocationSpans(ServerTracing tracing) {
    this.tracing = tracing;
    this.builder = Thread.ofPlatform().name("invocation-spans").daemon(true).start(this::build);
  }

  @Override
  public void onEvent(StoreEvent event) {
    if (event instanceof StoreEvent.InvocationTransitioned t
        && (t.transition().attemptEnded().isPresent() || endsFirstRun(t.transition()))
        && !queue.offer(t)
        && dropped.incrementAndGet() % 10_000 == 1) {
      log.warn("spans of {} transitions dropped: span building falls behind", dropped.get());
    }
  }

  /** How many transitions found the queue full (their spans were not made). */
  public long dropped() {
    return dropped.get();
  }

  private void build() {
    while (true) {
      StoreEvent.InvocationTransitioned t;
      try {
        t = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (t == null) {
        if (closing) {
          return;
        }
        continue;
      }
      try {
        Transition transition = t.transition();
        transition.attemptEnded().ifPresent(a -> attempt(transition.before(), a));
        if (endsFirstRun(transition)) {
          invocation(transition.after(), transition.event(), t.at());
        }
      } catch (RuntimeException e) {
        // One transition's spans are never worth the others'.
        log.warn("could not record the spans of a transition", e);
      }
    }
  }

  /** Builds the spans still queued, then stops. Call after the store is closed. */
  @Override
  public void close() {
    closing = true;
    try {
      builder.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The invocation's span ends when its first run does: it ends, or parks waiting for input. A run
   * after a manual retry or a resume gets no second invocation span (its attempts still hang under
   * the first), so no span id is ever exported twice.
   */
  private static boolean endsFirstRun(Transition t) {
    boolean ended = t.becameTerminal() || t.event().equals(WAITING);
    return ended && t.before().state().chainStart() == 0;
  }

  private void invocation(Invocation inv, String event, Instant at) {
    InvocationSpec s = inv.spec();
    InvocationState st = inv.state();
    String trace = TraceIds.otelTraceId(s.traceId());
    Context parent =
        s.parentSpanId()
            .map(p -> Context.root().with(Span.wrap(remote(trace, p))))
            .orElse(Context.root());
    SpanBuilder builder =
        tracing
            .tracer()
            .spanBuilder("invoke " + s.agent() + "." + s.function())
            .setParent(parent)
            .setStartTimestamp(s.createdAt())
            .setAllAttributes(identity(s))
            .setAttribute(SpanNames.STATUS, event.equals(WAITING) ? WAITING : st.status().wire())
            .setAttribute(SpanNames.ATTEMPTS, (long) st.attempt());
    s.parentId().ifPresent(p -> builder.setAttribute(SpanNames.PARENT_INVOCATION_ID, p));
    s.sessionId().ifPresent(p -> builder.setAttribute(SpanNames.SESSION_ID, p));
    s.message().topic().ifPresent(p -> builder.setAttribute(SpanNames.TOPIC, p));
    s.message().scheduleName().ifPresent(p -> builder.setAttribute(SpanNames.SCHEDULE, p));
    s.message().eventId().ifPresent(p -> builder.setAttribute(SpanNames.EVENT_ID, p));
    Span span = tracing.derived(trace, TraceIds.invocationSpanId(s.id()), builder::startSpan);
    if (st.status() != InvocationStatus.COMPLETED && !event.equals(WAITING)) {
      String type = st.error().map(ErrorInfo::type).orElse(st.status().wire());
      span.setAttribute(SpanNames.ERROR_TYPE, type);
      span.setStatus(StatusCode.ERROR, st.error().map(ErrorInfo::message).orElse(type));
    }
    span.end(later(s.createdAt(), at));
  }

  private void attempt(Invocation before, AttemptOutcome ended) {
    InvocationSpec s = before.spec();
    Lease lease = before.state().lease().orElse(null);
    if (lease == null) {
      return; // an attempt ends only while leased; nothing to show otherwise
    }
    Instant finished = ended.finishedAt();
    Instant claimable = earlier(before.state().availableAt(), finished);
    Instant leased = between(LeaseTimes.startOf(lease.leaseId(), claimable), claimable, finished);
    String trace = TraceIds.otelTraceId(s.traceId());
    Context parent =
        Context.root().with(Span.wrap(local(trace, TraceIds.invocationSpanId(s.id()))));
    SpanBuilder builder =
        tracing
            .tracer()
            .spanBuilder("attempt " + s.agent() + "." + s.function())
            .setParent(parent)
            .setStartTimestamp(claimable)
            .setAllAttributes(identity(s))
            .setAttribute(SpanNames.ATTEMPT, (long) ended.attempt())
            .setAttribute(SpanNames.OUTCOME, ended.outcome())
            .setAttribute(SpanNames.WORKER_ID, lease.workerId())
            .setAttribute(SpanNames.LEASE_ID, lease.leaseId())
            .setAttribute(
                SpanNames.QUEUE_WAIT_MS, leased.toEpochMilli() - claimable.toEpochMilli());
    String attemptId = TraceIds.attemptSpanId(s.id(), ended.attempt());
    Span span = tracing.derived(trace, attemptId, builder::startSpan);
    // The span opens when the attempt could be leased: up to this event it waited in the queue.
    span.addEvent("leased", leased);
    if (!ended.outcome().equals("completed") && !ended.outcome().equals(WAITING)) {
      String type = ended.error().map(ErrorInfo::type).orElse(ended.outcome());
      span.setAttribute(SpanNames.ERROR_TYPE, type);
      span.setStatus(StatusCode.ERROR, ended.error().map(ErrorInfo::message).orElse(type));
    }
    span.end(finished);
  }

  private static Attributes identity(InvocationSpec s) {
    return Attributes.builder()
        .put(SpanNames.NAMESPACE, s.namespace())
        .put(SpanNames.AGENT, s.agent())
        .put(SpanNames.FUNCTION, s.function())
        .put(SpanNames.INVOCATION_ID, s.id())
        .put(SpanNames.TRACE_ID, s.traceId())
        .put(SpanNames.MESSAGE_TYPE, s.message().kind().wire())
        .build();
  }

  /** A span of the caller's, named by a {@code traceparent}. */
  static SpanContext remote(String trace, String spanId) {
    return SpanContext.createFromRemoteParent(
        trace, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  /** A span of ours whose id is derived, emitted by whichever node saw it end. */
  static SpanContext local(String trace, String spanId) {
    return SpanContext.create(trace, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant between(Instant t, Instant from, Instant to) {
    return t.isBefore(from) ? from : t.isAfter(to) ? to : t;
  }
}
