package dev.agentdispatch.server.doors.v1.invocations;

import dev.agentdispatch.server.app.invocations.InvocationService;

/**
 * The answer to a create: which invocation, its trace, and whether it repeated an earlier request.
 */
public record CreatedView(
    String invocationId, String traceId, String status, boolean deduplicated) {
  static CreatedView of(InvocationService.Created c) {
    return new CreatedView(
        c.invocation().id(),
        c.invocation().spec().traceId(),
        c.invocation().status().wire(),
        c.deduplicated());
  }
}
