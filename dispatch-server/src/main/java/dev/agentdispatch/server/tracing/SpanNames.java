package dev.agentdispatch.server.tracing;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys of the server's spans ({@code dispatch.*} for our own, the semantic
 * conventions' names where one fits), kept in one place so docs/tracing.md can list them.
 */
public final class SpanNames {
  private SpanNames() {}

  public static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("dispatch.namespace");
  public static final AttributeKey<String> AGENT = AttributeKey.stringKey("dispatch.agent");
  public static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("dispatch.function");
  public static final AttributeKey<String> INVOCATION_ID =
      AttributeKey.stringKey("dispatch.invocation.id");

  /** The Dispatch trace id (UUID form) of the span's trace, as the API and the CLI show it. */
  public static final AttributeKey<String> TRACE_ID = AttributeKey.stringKey("dispatch.trace_id");

  public static final AttributeKey<String> PARENT_INVOCATION_ID =
      AttributeKey.stringKey("dispatch.parent_id");
  public static final AttributeKey<String> SESSION_ID =
      AttributeKey.stringKey("dispatch.session.id");
  public static final AttributeKey<String> MESSAGE_TYPE =
      AttributeKey.stringKey("dispatch.message.type");
  public static final AttributeKey<String> TOPIC = AttributeKey.stringKey("dispatch.topic");
  public static final AttributeKey<String> SCHEDULE = AttributeKey.stringKey("dispatch.schedule");
  public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("dispatch.event.id");
  public static final AttributeKey<String> STATUS = AttributeKey.stringKey("dispatch.status");
  public static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("dispatch.attempts");
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("dispatch.attempt");
  public static final AttributeKey<String> OUTCOME =
      AttributeKey.stringKey("dispatch.attempt.outcome");
  public static final AttributeKey<String> WORKER_ID = AttributeKey.stringKey("dispatch.worker.id");
  public static final AttributeKey<String> LEASE_ID = AttributeKey.stringKey("dispatch.lease.id");
  public static final AttributeKey<Long> QUEUE_WAIT_MS =
      AttributeKey.longKey("dispatch.queue_wait_ms");
  public static final AttributeKey<Long> INVOCATIONS = AttributeKey.longKey("dispatch.invocations");
  public static final AttributeKey<Long> FAN_OUT = AttributeKey.longKey("dispatch.event.fan_out");
  public static final AttributeKey<Boolean> DEDUPLICATED =
      AttributeKey.booleanKey("dispatch.deduplicated");
  public static final AttributeKey<String> INPUT_ID = AttributeKey.stringKey("dispatch.input.id");
  public static final AttributeKey<String> DELIVERY = AttributeKey.stringKey("dispatch.delivery");

  /** The semantic conventions' error type: the Dispatch {@code error_type}. */
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
}
