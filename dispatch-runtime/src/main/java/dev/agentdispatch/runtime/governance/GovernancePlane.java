package dev.agentdispatch.runtime.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Hard stops for a session: a list of {@link GovernanceLimit}s over a {@link GovernanceState}. Give
 * one to {@code AgentSession.Builder.governance}; each session gets {@link #forSession()} (the same
 * limits, a fresh state). The session counts a turn before each turn, a tool call before each tool,
 * and a success (with its cost) or a failure after each turn, and enforces after each count.
 */
public final class GovernancePlane {
  private final List<GovernanceLimit> limits;
  private final GovernanceState state;

  public GovernancePlane(List<GovernanceLimit> limits, GovernanceState state) {
    this.limits = List.copyOf(limits);
    this.state = Objects.requireNonNull(state, "state is null");
  }

  /** The limits over a fresh state. */
  public static GovernancePlane of(GovernanceLimit... limits) {
    return new GovernancePlane(List.of(limits), new GovernanceState());
  }

  /** The same limits with a fresh state, for a new session. */
  public GovernancePlane forSession() {
    return new GovernancePlane(limits, new GovernanceState());
  }

  public List<GovernanceLimit> limits() {
    return limits;
  }

  public GovernanceState state() {
    return state;
  }

  /** Every limit against the current state, in declaration order. */
  public List<LimitOutcome> evaluate() {
    GovernanceState.Snapshot now = state.snapshot();
    List<LimitOutcome> out = new ArrayList<>();
    for (GovernanceLimit limit : limits) {
      out.add(LimitOutcome.of(limit, now));
    }
    return List.copyOf(out);
  }

  /**
   * Throws {@link GovernanceBreachException} for the first breached terminate-mode limit in
   * declaration order; breached alert-mode limits never stop it. Returns all outcomes otherwise.
   */
  public List<LimitOutcome> enforce() {
    return enforce(o -> {}, o -> {});
  }

  /**
   * {@link #enforce()}, telling {@code onAlert} of every breached alert-mode limit and {@code
   * onBreach} of the terminate-mode breach just before it is thrown (the session emits {@code
   * governance.alert} and {@code governance.breach} from these).
   */
  public List<LimitOutcome> enforce(
      Consumer<LimitOutcome> onAlert, Consumer<LimitOutcome> onBreach) {
    List<LimitOutcome> outcomes = evaluate();
    outcomes.stream().filter(o -> o.breached() && o.onBreach() == OnBreach.ALERT).forEach(onAlert);
    for (LimitOutcome o : outcomes) {
      if (o.breached() && o.onBreach() == OnBreach.TERMINATE) {
        onBreach.accept(o);
        throw new GovernanceBreachException(o);
      }
    }
    return outcomes;
  }
}
