package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.clock.ManualClock;
import dev.agentdispatch.runtime.recovery.RecoveryExecutor;
import dev.agentdispatch.runtime.routing.StaticProviderRouter;
import java.util.List;

/** Test agents that start on "primary" and can fail over to "backup" through acting recovery. */
public final class Failover {
  private Failover() {}

  public static AgentSession.Builder agent(String role, String phase, ManualClock clock) {
    return AgentSession.builder(role, phase)
        .clock(clock)
        .initialProvider("primary")
        .providerRouter(new StaticProviderRouter(List.of("primary", "backup")))
        .recovery(RecoveryExecutor.builder().clock(clock).build());
  }
}
