package dev.agentdispatch.server.app.llm.ledger;

import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.llm.TokenUsage;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.events.EventService;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.CallOutcome;
import dev.agentdispatch.server.app.llm.budgets.BudgetService;
import dev.agentdispatch.server.app.llm.budgets.Limit;
import dev.agentdispatch.server.app.llm.budgets.Months;
import dev.agentdispatch.server.app.llm.pricing.PricingService;
import dev.agentdispatch.server.app.llm.pricing.Usd;
import dev.agentdispatch.server.metrics.LlmCallMeasure;
import dev.agentdispatch.server.metrics.ServerMeters;
import dev.agentdispatch.store.llm.Admission;
import dev.agentdispatch.store.llm.BudgetScopes;
import dev.agentdispatch.store.llm.Charge;
import dev.agentdispatch.store.llm.Hold;
import dev.agentdispatch.store.llm.LlmBudgetStore;
import dev.agentdispatch.store.llm.LlmCallRecord;
import dev.agentdispatch.store.llm.LlmCallStore;
import dev.agentdispatch.store.llm.Settlement;
import dev.agentdispatch.store.llm.Warned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger (DESIGN §10): admits gateway calls against the budgets that apply, records every call
 * at its cost, and charges the budgets.
 *
 * <p><b>Admission.</b> A call's cost is estimated as its estimated input tokens plus its output cap
 * ({@value #DEFAULT_OUTPUT_TOKENS} tokens when it sets none) at the model's price, and that
 * estimate is held against every budget of the call (its agent's, its namespace's) in one
 * transaction that takes all holds or none: each must fit as {@code spent + held + estimate <=
 * limit}. So of many concurrent calls at the edge of a budget, only as many are admitted as their
 * estimates fit, on any number of nodes (the counters live in the database). Settlement replaces
 * the estimate by the real cost; a call that costs more than its estimate (its input was
 * underestimated, or it had no output cap and wrote more than the default) overshoots the budget by
 * that difference, and nothing else does. Holds expire after {@link #HOLD_TTL} (longer than any
 * call the gateway waits for), when the leader releases them: a node dying mid-call does not keep
 * its holds for ever.
 *
 * <p><b>Recording.</b> Every call, proxied or reported, is stored with its cost at the price in
 * force when it is recorded, and its cost is added to its agent's and namespace's monthly counters
 * in the same transaction. A reported call is never refused for budget (the money is spent
 * already), but it counts.
 *
 * <p><b>Not in the answer's path.</b> A proxied call's record is queued for the store's next commit
 * when the call settles, before the client's response ends, and the client does not wait for the
 * commit: a crash in the few milliseconds between answer and commit loses those records (never a
 * budget's enforcement: until the commit the call's cost stays held). A reported call waits for its
 * commit, since its client asked to have it recorded.
 */
public final class LlmLedger implements CallLedger {
  private static final Logger log = LoggerFactory.getLogger(LlmLedger.class);

  /** The output assumed for a call that sets no cap, for its estimate. */
  public static final long DEFAULT_OUTPUT_TOKENS = 1_024;

  /** How long a call in flight may hold budget before the leader gives it back. */
  public static final Duration HOLD_TTL = Duration.ofMinutes(15);

  /** How far in the future a reported call may say it started (clock skew). */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private final LlmCallStore calls;
  private final LlmBudgetStore budgetCounters;
  private final PricingService pricing;
  private final BudgetService budgets;
  private final BudgetWarnings warnings;
  private final Clock clock;
  private final ServerMeters meters;
  // Off the store's writer thread, which completes the records and must not wait for its own work.
  private final Executor afterCommit = Executors.newVirtualThreadPerTaskExecutor();

  public LlmLedger(
      LlmCallStore calls,
      LlmBudgetStore budgetCounters,
      PricingService pricing,
      BudgetService budgets,
      EventService events,
      Clock clock,
      ServerMeters meters) {
    this.meters = meters;
    this.calls = calls;
    this.budgetCounters = budgetCounters;
    this.pricing = pricing;
    this.budgets = budgets;
    this.warnings = new BudgetWarnings(events);
    this.clock = clock;
  }

  @Override
  public Reservation admit(
      CallAttribution who, String model, long estimatedInputTokens, long maxOutputTokens) {
    if (estimatedInputTokens < 0 || maxOutputTokens < 0) {
      throw new IllegalArgumentException("token estimates must not be negative");
    }
    long output = maxOutputTokens > 0 ? maxOutputTokens : DEFAULT_OUTPUT_TOKENS;
    long estimate =
        pricing
            .price(who.namespace(), model)
            .price()
            .cost(new TokenUsage(estimatedInputTokens, output, 0, 0));
    String id = Ids.uuid7();
    List<Limit> limits = budgets.limits(who.namespace(), who.agent());
    if (!limits.isEmpty()) {
      Instant now = clock.instant();
      YearMonth month = Months.of(now);
      List<Hold> holds =
          limits.stream().map(l -> new Hold(l.scope(), l.limitMicros(), estimate)).toList();
      Admission a = budgetCounters.admit(who.namespace(), id, month, holds, now.plus(HOLD_TTL));
      if (a instanceof Admission.Refused r) {
        meters.refused(who.namespace(), "budget_exceeded");
        throw exceeded(r, limits, month);
      }
    }
    return new LedgerReservation(id, who);
  }

  private static ServiceException.BudgetExceeded exceeded(
      Admission.Refused r, List<Limit> limits, YearMonth month) {
    String label =
        limits.stream().filter(l -> l.scope().equals(r.scope())).findFirst().orElseThrow().label();
    Instant resets = Months.resetsAt(month);
    return new ServiceException.BudgetExceeded(
        "the monthly LLM budget of "
            + label
            + " would be exceeded: limit "
            + Usd.format(r.limitMicros())
            + ", spent "
            + Usd.format(r.spentMicros())
            + " in "
            + month
            + (r.reservedMicros() > 0
                ? " (plus " + Usd.format(r.reservedMicros()) + " held by calls in flight)"
                : "")
            + ", this call is estimated at "
            + Usd.format(r.estimateMicros())
            + "; the budget resets on "
            + resets.toString().substring(0, 10)
            + " (00:00 UTC)",
        resets);
  }

  @Override
  public RecordedCall settle(Reservation reservation, CallOutcome o) {
    if (!(reservation instanceof LedgerReservation r)) {
      throw new IllegalArgumentException("not a reservation of this ledger: " + reservation);
    }
    r.settleOnce();
    CallAttribution who = r.who();
    LlmCallRecord call =
        new LlmCallRecord(
            Ids.uuid7(),
            who.namespace(),
            who.agent(),
            o.model(),
            o.provider(),
            o.variantName(),
            Optional.of(o.endpoint()),
            o.usage(),
            cost(who.namespace(), o.model(), o.usage()),
            o.latency().toMillis(),
            o.timeToFirstToken().map(Duration::toMillis),
            o.finishReason(),
            o.ok(),
            o.error(),
            who.invocationId(),
            who.traceId(),
            who.sessionId(),
            o.startedAt());
    return recordLater(call, Optional.of(r.id()));
  }

  /** Records a call an agent made directly; it counts against its budgets but is never refused. */
  public RecordedCall report(ReportedCall c) {
    Instant now = clock.instant();
    Instant started = c.startedAt().orElse(now);
    if (started.isAfter(now.plus(MAX_SKEW))) {
      throw new ServiceException.Invalid(
          "'started_at' is in the future: " + started + " (the server's time is " + now + ")");
    }
    CallAttribution who = c.who();
    return record(
        new LlmCallRecord(
            Ids.uuid7(),
            who.namespace(),
            who.agent(),
            c.model(),
            c.provider(),
            c.variantName(),
            Optional.empty(),
            c.usage(),
            cost(who.namespace(), c.model(), c.usage()),
            c.latencyMs(),
            c.ttftMs(),
            c.finishReason(),
            c.ok(),
            c.error(),
            who.invocationId(),
            who.traceId(),
            who.sessionId(),
            started),
        Optional.empty());
  }

  /**
   * Gives back up to {@code limit} holds of calls that never settled: this node's, and any node's
   * expired hold rows; every node's expiry loop.
   */
  public int releaseExpired(int limit) {
    return budgetCounters.releaseExpired(clock.instant(), limit);
  }

  private long cost(String namespace, String model, TokenUsage usage) {
    return pricing.price(namespace, model).price().cost(usage);
  }

  /** Records a call and waits for its record to commit (a reported call: the client asked). */
  private RecordedCall record(LlmCallRecord call, Optional<String> reservationId) {
    Map<String, Limit> limits = limits(call);
    List<Warned> warned = calls.record(call, new Settlement(reservationId, charges(call, limits)));
    measure(call);
    for (Warned w : warned) {
      warnings.publish(call.namespace(), w, limits.get(w.scope()));
    }
    return new RecordedCall(call.id(), Usd.of(call.costMicros()));
  }

  /**
   * Queues a proxied call's record and returns at once: the client's answer does not wait for the
   * commit (see {@link LlmCallStore#recordLater}). The budgets count its cost from now on; the
   * warnings it triggers are sent once it has committed.
   */
  private RecordedCall recordLater(LlmCallRecord call, Optional<String> reservationId) {
    Map<String, Limit> limits = limits(call);
    calls
        .recordLater(call, new Settlement(reservationId, charges(call, limits)))
        .whenCompleteAsync(
            (warned, failure) -> {
              if (failure != null) {
                log.error(
                    "recording model call {} (provider {}) failed",
                    call.id(),
                    call.provider(),
                    failure);
                return;
              }
              for (Warned w : warned) {
                warnings.publish(call.namespace(), w, limits.get(w.scope()));
              }
            },
            afterCommit);
    measure(call);
    return new RecordedCall(call.id(), Usd.of(call.costMicros()));
  }

  private Map<String, Limit> limits(LlmCallRecord call) {
    return budgets.limits(call.namespace(), call.agent()).stream()
        .collect(Collectors.toMap(Limit::scope, Function.identity()));
  }

  private static List<Charge> charges(LlmCallRecord call, Map<String, Limit> limits) {
    List<Charge> charges = new ArrayList<>();
    call.agent().ifPresent(a -> charges.add(charge(BudgetScopes.agent(a), limits)));
    charges.add(charge(BudgetScopes.NAMESPACE, limits));
    return charges;
  }

  private void measure(LlmCallRecord call) {
    TokenUsage usage = call.usage();
    meters.llmCall(
        new LlmCallMeasure(
            call.namespace(),
            call.agent().orElse(""),
            call.model(),
            call.provider(),
            call.ok(),
            usage.input(),
            usage.output(),
            usage.cacheRead(),
            usage.cacheWrite(),
            call.costMicros()));
  }

  /** Every scope is charged, budget or not, so a budget set mid-month sees the month's spend. */
  private static Charge charge(String scope, Map<String, Limit> limits) {
    return new Charge(scope, Optional.ofNullable(limits.get(scope)).map(Limit::warnAtMicros));
  }
}
