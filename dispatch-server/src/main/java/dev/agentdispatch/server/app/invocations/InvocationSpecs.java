package dev.agentdispatch.server.app.invocations;

import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.id.Ids;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Message;
import dev.agentdispatch.core.invocation.RetryPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * Invocations the server makes itself (an event's fan-out, a schedule's fire): the function's own
 * retry policy and timeouts, the standard priority.
 */
public final class InvocationSpecs {
  private InvocationSpecs() {}

  /**
   * The spec of a call of {@code function}.
   *
   * @param traceId the Dispatch trace it joins
   * @param parentSpanId the span its own span hangs under (the publish's or the fire's), if any
   */
  public static InvocationSpec forFunction(
      String namespace,
      String agent,
      FunctionSpec function,
      String payloadJson,
      String traceId,
      Optional<String> parentSpanId,
      Optional<String> parentId,
      Optional<String> idempotencyKey,
      Message message,
      Instant now) {
    return InvocationSpec.builder(Ids.uuid7(), namespace, agent, function.name())
        .payloadJson(payloadJson)
        .traceId(traceId)
        .parentSpanId(parentSpanId)
        .createdAt(now)
        .message(message)
        .parentId(parentId)
        .retry(function.retry().orElse(RetryPolicy.DEFAULT))
        .timeout(function.timeout().orElse(InvocationSpec.DEFAULT_TIMEOUT))
        .attemptTimeout(function.attemptTimeout())
        // The key stands for the whole request here: a repeat of the same fire is the same request.
        .idempotencyKey(idempotencyKey)
        .requestHash(idempotencyKey)
        .build();
  }
}
