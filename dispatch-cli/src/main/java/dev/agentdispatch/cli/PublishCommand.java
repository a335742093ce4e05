package dev.agentdispatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch publish TOPIC '{json}'}. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = "Publish an event: one invocation per function subscribed to a matching topic.")
final class PublishCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "e.g. orders.created")
  String topic;

  @Parameters(
      index = "1",
      paramLabel = "JSON",
      defaultValue = "{}",
      description = "The payload (default {}).")
  String payload;

  @Option(names = "--sender", description = "Who publishes.")
  String sender;

  @Option(names = "--idempotency-key")
  String idempotencyKey;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("topic", topic);
    body.put("payload", InvokeCommand.parseJson(payload));
    if (sender != null) {
      body.put("sender_id", sender);
    }
    if (idempotencyKey != null) {
      body.put("idempotency_key", idempotencyKey);
    }
    JsonNode published = client.client().post("/events", body);
    Output out = client.output();
    if (out.json()) {
      out.raw(published);
      return 0;
    }
    out.line(
        "event "
            + published.path("event_uid").asString()
            + " on "
            + topic
            + ": "
            + published.path("handler_count").asInt()
            + " handler(s)"
            + (published.path("deduplicated").asBoolean() ? " (deduplicated)" : ""));
    out.line("  trace " + published.path("trace_id").asString());
    for (JsonNode id : published.path("invocation_ids")) {
      out.line("  invocation " + id.asString());
    }
    return 0;
  }
}
