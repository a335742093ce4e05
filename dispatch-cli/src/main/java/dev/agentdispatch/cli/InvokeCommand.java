package dev.agentdispatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dispatch invoke AGENT.FUNCTION '{json}' [--wait]}. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = "Invoke a function of an agent.")
final class InvokeCommand implements Callable<Integer> {
  @Mixin ClientOptions client;

  @Parameters(index = "0", paramLabel = "AGENT.FUNCTION")
  String target;

  @Parameters(
      index = "1",
      paramLabel = "JSON",
      defaultValue = "{}",
      description = "The payload (default {}).")
  String payload;

  @Option(
      names = "--wait",
      arity = "0..1",
      fallbackValue = "60",
      paramLabel = "SECONDS",
      description = "Wait for the result (up to SECONDS, default 60 when given).")
  Integer wait;

  @Option(names = "--idempotency-key")
  String idempotencyKey;

  @Option(names = "--priority", description = "0..9, higher first (default 5).")
  Integer priority;

  @Override
  public Integer call() {
    int dot = target.indexOf('.');
    if (dot <= 0 || dot == target.length() - 1) {
      throw new CliException("'" + target + "' is not AGENT.FUNCTION, e.g. greeter.greet");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agent", target.substring(0, dot));
    body.put("function", target.substring(dot + 1));
    body.put("payload", parseJson(payload));
    if (idempotencyKey != null) {
      body.put("idempotency_key", idempotencyKey);
    }
    if (priority != null) {
      body.put("priority", priority);
    }
    ApiClient api = client.client();
    Output out = client.output();
    JsonNode created = api.post("/invocations", body);
    String id = created.path("invocation_id").asString();
    if (wait == null) {
      if (out.json()) {
        out.raw(created);
      } else {
        out.line(
            id
                + "  "
                + created.path("status").asString()
                + (created.path("deduplicated").asBoolean() ? "  (deduplicated)" : ""));
      }
      return 0;
    }
    JsonNode inv = Waiting.untilDone(api, id, wait);
    out.invocation(inv);
    return Waiting.exitCode(inv);
  }

  static JsonNode parseJson(String text) {
    try {
      return ApiClient.JSON.readTree(text);
    } catch (RuntimeException e) {
      throw new CliException(
          "the payload is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
