package dev.agentdispatch.server.protocol;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Lease;
import dev.agentdispatch.server.tracing.TraceIds;
import java.time.Instant;

/**
 * One leased attempt as handed to a worker, or POSTed to an HTTP push agent; the payload is
 * forwarded as stored, unparsed. {@code deadline} is when the attempt times out (its attempt
 * timeout, else the invocation's). {@code traceparent} names the attempt's span (W3C trace
 * context): a worker's own span for the run is its child.
 */
public record LeaseView(
    String leaseId,
    String invocationId,
    String agent,
    String function,
    @JsonRawValue String payload,
    int attempt,
    int maxAttempts,
    String traceId,
    String parentId,
    String sessionId,
    MessageView message,
    Instant leaseExpiresAt,
    Instant deadline,
    String traceparent) {

  public static LeaseView of(Invocation inv) {
    MessageView message = MessageView.of(inv.spec().message());
    InvocationSpec s = inv.spec();
    Lease lease = inv.state().lease().orElseThrow();
    Instant deadline =
        lease
            .attemptDeadline()
            .filter(d -> d.isBefore(inv.state().deadlineAt()))
            .orElse(inv.state().deadlineAt());
    return new LeaseView(
        lease.leaseId(),
        s.id(),
        s.agent(),
        s.function(),
        s.payloadJson(),
        inv.state().attemptsInChain(),
        s.retry().maxAttempts(),
        s.traceId(),
        s.parentId().orElse(null),
        s.sessionId().orElse(null),
        message,
        lease.expiresAt(),
        deadline,
        TraceIds.attemptTraceparent(s.traceId(), s.id(), inv.state().attempt()));
  }
}
