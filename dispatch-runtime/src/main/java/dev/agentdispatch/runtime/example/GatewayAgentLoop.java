package dev.agentdispatch.runtime.example;

import dev.agentdispatch.runtime.internal.Json;
import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.TurnOptions;
import dev.agentdispatch.runtime.usage.UsageSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An LLM loop through the Agent Dispatch server's LLM gateway ({@code
 * /v1/namespaces/{ns}/llm/openai/v1}, see {@code docs/llm-gateway.md}): each model call is a
 * session turn (iteration cap, governance, usage from the provider's answer), and the loop goes on
 * until the model says {@code DONE}. With governance on, a model that never finishes is stopped by
 * {@code max_iterations} with a {@link
 * dev.agentdispatch.runtime.governance.GovernanceBreachException}. The gateway prices and records
 * every call; the session enforces the agent's own limits.
 */
public final class GatewayAgentLoop {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** One answer of the model, with the usage the provider reported. */
  public record Reply(String text, long inputTokens, long outputTokens) {}

  private final URI chatCompletions;
  private final Optional<String> apiKey;
  private final String agentName;
  private final String model;

  /**
   * @param gatewayBase e.g. {@code http://127.0.0.1:7070/v1/namespaces/default/llm/openai/v1}
   * @param apiKey the Agent Dispatch key (not a provider key: the server holds those), if the
   *     server requires one
   * @param agentName charged for the calls ({@code X-Dispatch-Agent-Name})
   */
  public GatewayAgentLoop(
      URI gatewayBase, Optional<String> apiKey, String agentName, String model) {
    String base = gatewayBase.toString().replaceAll("/+$", "");
    this.chatCompletions = URI.create(base + "/chat/completions");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey is null");
    this.agentName = Objects.requireNonNull(agentName, "agentName is null");
    this.model = Objects.requireNonNull(model, "model is null");
  }

  /** Runs the loop in a fresh session of {@code agent} and returns the model's last answer. */
  public String run(AgentSession agent, String task) {
    List<Map<String, Object>> messages = new ArrayList<>();
    messages.add(message("system", "Work on the task. Say DONE when it is finished."));
    messages.add(message("user", task));
    return agent.run(session -> {
      while (true) {
        Reply reply =
            session
                .runTurn(
                    ctx -> chat(messages),
                    TurnOptions.model(model)
                        .withTimeout(Duration.ofSeconds(60))
                        .withEstimateUsage(r -> {
                          Reply rr = (Reply) r;
                          return UsageSnapshot.of(rr.inputTokens(), rr.outputTokens());
                        }))
                .result();
        if (reply.text().contains("DONE")) {
          return reply.text();
        }
        messages.add(message("assistant", reply.text()));
        messages.add(message("user", "Continue."));
      }
    });
  }

  /** One chat completion through the gateway. */
  @SuppressWarnings("unchecked")
  Reply chat(List<Map<String, Object>> messages) throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("messages", messages);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(chatCompletions)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-Dispatch-Agent-Name", agentName)
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
    apiKey.ifPresent(k -> req.header("Authorization", "Bearer " + k));
    HttpResponse<String> resp = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      // "503" and "429" in the message classify as provider failure and rate limit for recovery.
      throw new IOException("gateway answered " + resp.statusCode());
    }
    Map<String, Object> json = Json.readObject(resp.body());
    Map<String, Object> choice = ((List<Map<String, Object>>) json.get("choices")).get(0);
    String text = String.valueOf(((Map<String, Object>) choice.get("message")).get("content"));
    Map<String, Object> usage = (Map<String, Object>) json.getOrDefault("usage", Map.of());
    return new Reply(
        text, count(usage.get("prompt_tokens")), count(usage.get("completion_tokens")));
  }

  private static long count(Object n) {
    return n instanceof Number num ? num.longValue() : 0;
  }

  private static Map<String, Object> message(String role, String content) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("role", role);
    m.put("content", content);
    return m;
  }
}
