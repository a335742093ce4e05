package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.auth.Caller;

/**
 * Who may call models through the gateway: agents (role worker) and clients (role client), and
 * admins. A read-only key may not spend.
 */
public final class GatewayAccess {
  private GatewayAccess() {}

  /** Checks that {@code caller} may call models in {@code namespace}: 403 otherwise. */
  public static void authorize(Caller caller, String namespace) {
    if (!caller.covers(namespace)) {
      throw new ServiceException.Forbidden(
          "this API key is limited to namespace '"
              + caller.namespace()
              + "', not '"
              + namespace
              + "'");
    }
    if (!caller.role().permits(Permission.INVOKE) && !caller.role().permits(Permission.WORK)) {
      throw new ServiceException.Forbidden(
          "role '"
              + caller.role().wire()
              + "' may not call models (needs client, worker or admin)");
    }
  }
}
