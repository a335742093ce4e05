package dev.agentdispatch.runtime.governance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One limit evaluated against the state.
 *
 * @param breached whether {@code observed > ceiling}
 * @param counts whether the values are counts (integers on the wire) rather than dollars
 */
public record LimitOutcome(
    boolean breached,
    String limitName,
    double observed,
    double ceiling,
    String scope,
    OnBreach onBreach,
    boolean counts) {

  public LimitOutcome {
    Objects.requireNonNull(limitName, "limitName is null");
    Objects.requireNonNull(scope, "scope is null");
    Objects.requireNonNull(onBreach, "onBreach is null");
  }

  /** Evaluates {@code limit} against {@code state}. */
  public static LimitOutcome of(GovernanceLimit limit, GovernanceState.Snapshot state) {
    double observed = limit.observe(state);
    return new LimitOutcome(
        observed > limit.value(),
        limit.name(),
        observed,
        limit.value(),
        limit.scope(),
        limit.onBreach(),
        limit.counts());
  }

  /** {@code "{limit}: {observed} > {ceiling}"}, the detail of a breach or alert event. */
  public String detail() {
    return limitName + ": " + format(observed) + " > " + format(ceiling);
  }

  /** {limit_name, observed, ceiling, scope}: the data of a breach or alert event. */
  public Map<String, Object> data() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("limit_name", limitName);
    m.put("observed", number(observed));
    m.put("ceiling", number(ceiling));
    m.put("scope", scope);
    return m;
  }

  private Object number(double v) {
    return counts ? (Object) (long) v : (Object) v;
  }

  String format(double v) {
    return counts ? Long.toString((long) v) : Double.toString(v);
  }
}
