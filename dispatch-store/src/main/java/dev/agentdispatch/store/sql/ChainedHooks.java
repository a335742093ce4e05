package dev.agentdispatch.store.sql;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.store.invocation.NewEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Several layers' hooks, called in order (sessions, then tasks). */
final class ChainedHooks implements InvocationHooks {
  private final List<InvocationHooks> hooks;

  ChainedHooks(List<InvocationHooks> hooks) {
    this.hooks = List.copyOf(hooks);
  }

  @Override
  public void beforeCreate(Tx tx, InvocationSpec spec) throws SQLException {
    for (InvocationHooks h : hooks) {
      h.beforeCreate(tx, spec);
    }
  }

  @Override
  public void afterTransitions(Tx tx, List<AppliedTransition> applied, Instant now)
      throws SQLException {
    for (InvocationHooks h : hooks) {
      h.afterTransitions(tx, applied, now);
    }
  }

  @Override
  public void afterAppend(Tx tx, Invocation held, List<NewEvent> events, Instant now)
      throws SQLException {
    for (InvocationHooks h : hooks) {
      h.afterAppend(tx, held, events, now);
    }
  }
}
