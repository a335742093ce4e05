package dev.agentdispatch.bench.load;

import dev.agentdispatch.bench.BenchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The slice of the {@code /v1} API the harness drives, spoken directly with {@link HttpClient}.
 * Request bodies are written as strings (no mapper on the send path) so the load generator spends
 * its share of the two cores on sending, not on serialising.
 */
public final class BenchApi {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final HttpClient http;
  private final String root;
  private final String namespace;
  private final String base;

  /** A raw answer, for probes that need the status (e.g. "is this route there?"). */
  public record Answer(int status, String body) {}

  public BenchApi(URI server, String namespace) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    this.root = server.toString().replaceAll("/+$", "");
    this.namespace = namespace;
    this.base = root + "/v1/namespaces/" + namespace;
  }

  /** The server's root URL, without a trailing slash. */
  public String root() {
    return root;
  }

  /** The namespace every {@code /v1} call of this client goes to. */
  public String namespace() {
    return namespace;
  }

  /** Registers (upserts) an agent with callable functions. */
  public void putAgent(String agent, List<String> functions) {
    StringBuilder body = new StringBuilder("{\"functions\":[");
    for (int i = 0; i < functions.size(); i++) {
      body.append(i == 0 ? "" : ",").append("{\"name\":\"").append(functions.get(i)).append("\"}");
    }
    expect(
        send("PUT", "/agents/" + agent, body.append("]}").toString()),
        200,
        "register agent " + agent);
  }

  /**
   * Registers (upserts) an agent with one callable function under flow control: {@code
   * maxConcurrency} agent-wide and {@code keyConcurrency} per concurrency key of the function (each
   * absent when null). Its attempts may run an hour, so a lease held on purpose is not timed out.
   */
  public void putLimitedAgent(
      String agent, String function, Integer maxConcurrency, Integer keyConcurrency) {
    StringBuilder body = new StringBuilder("{");
    if (maxConcurrency != null) {
      body.append("\"max_concurrency\":").append(maxConcurrency).append(',');
    }
    body.append("\"functions\":[{\"name\":\"")
        .append(function)
        .append("\",\"attempt_timeout_seconds\":3600");
    if (keyConcurrency != null) {
      body.append(",\"key_concurrency\":").append(keyConcurrency);
    }
    expect(
        send("PUT", "/agents/" + agent, body.append("}]}").toString()),
        200,
        "register agent " + agent);
  }

  /** The agent's {@code flow} object ({@code running}, {@code pending}, {@code key_blocked}, …). */
  public JsonNode flow(String agent) {
    Answer a = expect(send("GET", "/agents/" + agent, null), 200, "get agent " + agent);
    return JSON.readTree(a.body()).path("flow");
  }

  /**
   * Registers an agent whose functions are each subscribed to {@code topic} (DESIGN §5 triggers).
   */
  public Answer putSubscribedAgent(String agent, List<String> functions, String topic) {
    StringBuilder body = new StringBuilder("{\"functions\":[");
    for (int i = 0; i < functions.size(); i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(functions.get(i))
          .append("\",\"triggers\":[{\"type\":\"topic\",\"topic\":\"")
          .append(topic)
          .append("\"}]}");
    }
    return send("PUT", "/agents/" + agent, body.append("]}").toString());
  }

  /**
   * Joins a push agent through the dispatch-agents door, as {@code dispatch agent dev} and the SDK
   * do: {@code agents/register} tells the server the agent's gRPC address, {@code events/subscribe}
   * registers it with one callable function (input: any object). The SDK repeats the subscribe
   * every 30 s to stay healthy; delivery does not depend on it.
   */
  public void subscribePushAgent(String agent, String function, String address) {
    expect(
        sendAtRoot(
            "POST",
            "/api/unstable/agents/register",
            "{\"agent_name\":\"" + agent + "\",\"url\":\"" + address + "\"}"),
        200,
        "register push agent " + agent);
    expect(
        sendAtRoot(
            "POST",
            "/api/unstable/namespace/" + namespace + "/events/subscribe",
            "{\"topics\":[],\"agent_name\":\""
                + agent
                + "\",\"functions\":[{\"name\":\""
                + function
                + "\",\"description\":null,\"input_schema\":{\"type\":\"object\"},"
                + "\"output_schema\":null,\"triggers\":[{\"type\":\"callable\",\"topic\":null,"
                + "\"function_name\":\""
                + function
                + "\"}]}]}"),
        200,
        "subscribe push agent " + agent);
  }

  /**
   * Enqueues one invocation; {@code payloadJson} goes on the wire as is. Returns the answer's body
   * ({@code {"invocation_id": …}}).
   */
  public String enqueue(String agent, String function, String payloadJson) {
    return enqueue(agent, function, payloadJson, null);
  }

  /** Enqueues one invocation with a {@code concurrency_key} (none when null). */
  public String enqueue(String agent, String function, String payloadJson, String concurrencyKey) {
    String body =
        "{\"agent\":\""
            + agent
            + "\",\"function\":\""
            + function
            + "\""
            + keyField(concurrencyKey)
            + ",\"payload\":"
            + payloadJson
            + "}";
    return expect(send("POST", "/invocations", body), 202, "enqueue").body();
  }

  private static String keyField(String concurrencyKey) {
    return concurrencyKey == null ? "" : ",\"concurrency_key\":\"" + concurrencyKey + "\"";
  }

  /**
   * Whether {@code agent} has invocations in {@code status} (e.g. pending, running), by a list call
   * of one item.
   */
  public boolean any(String agent, String status) {
    Answer a =
        expect(
            send("GET", "/invocations?agent=" + agent + "&status=" + status + "&limit=1", null),
            200,
            "list " + status + " invocations");
    return !JSON.readTree(a.body()).path("items").isEmpty();
  }

  /**
   * Enqueues several invocations in one call and one transaction ({@code POST /invocations/batch}).
   */
  public void enqueueBatch(String agent, String function, List<String> payloadsJson) {
    enqueueBatch(agent, function, payloadsJson, null);
  }

  /**
   * The same, with the {@code concurrency_key} of each invocation ({@code keys} null: none; else as
   * long as the payloads, an entry null for none).
   */
  public void enqueueBatch(
      String agent, String function, List<String> payloadsJson, List<String> keys) {
    StringBuilder body = new StringBuilder("{\"invocations\":[");
    for (int i = 0; i < payloadsJson.size(); i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"agent\":\"")
          .append(agent)
          .append("\",\"function\":\"")
          .append(function)
          .append('"')
          .append(keyField(keys == null ? null : keys.get(i)))
          .append(",\"payload\":")
          .append(payloadsJson.get(i))
          .append('}');
    }
    expect(send("POST", "/invocations/batch", body.append("]}").toString()), 202, "enqueue batch");
  }

  /** One lease call (a long-poll of up to {@code waitMs}). */
  public List<Lease> lease(String workerId, String agent, int max, int waitMs) {
    return lease(workerId, agent, max, waitMs, 60);
  }

  /** The same, with the lease's length in seconds (at most 3600). */
  public List<Lease> lease(String workerId, String agent, int max, int waitMs, int leaseSeconds) {
    String body =
        "{\"worker_id\":\""
            + workerId
            + "\",\"agent\":\""
            + agent
            + "\",\"max\":"
            + max
            + ",\"wait_ms\":"
            + waitMs
            + ",\"lease_seconds\":"
            + leaseSeconds
            + "}";
    Answer a = expect(send("POST", "/workers/lease", body), 200, "lease");
    List<Lease> out = new ArrayList<>();
    for (JsonNode l : JSON.readTree(a.body()).path("leases")) {
      out.add(new Lease(l.path("lease_id").asString(), l.path("payload").path("t").asLong()));
    }
    return out;
  }

  /** Completes leases in one batch call with a tiny result. */
  public void complete(String workerId, List<Lease> leases) {
    StringBuilder body =
        new StringBuilder("{\"worker_id\":\"").append(workerId).append("\",\"results\":[");
    for (int i = 0; i < leases.size(); i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"lease_id\":\"")
          .append(leases.get(i).leaseId())
          .append("\",\"status\":\"completed\",\"result\":{\"ok\":true}}");
    }
    expect(send("POST", "/workers/complete", body.append("]}").toString()), 200, "complete");
  }

  /** Any call, answered with its status and body; transport failures throw. */
  public Answer send(String method, String path, String body) {
    return sendTo(base + path, method, path, body);
  }

  /**
   * A call outside the namespace's {@code /v1} routes, e.g. the dispatch-agents door; {@code path}
   * starts at the server's root.
   */
  public Answer sendAtRoot(String method, String path, String body) {
    return sendTo(root + path, method, path, body);
  }

  private Answer sendTo(String url, String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json");
    request =
        body == null
            ? request.method(method, HttpRequest.BodyPublishers.noBody())
            : request.method(method, HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new BenchException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException(method + " " + path + " interrupted", e);
    }
  }

  public JsonNode tree(String json) {
    return JSON.readTree(json);
  }

  private static Answer expect(Answer a, int status, String what) {
    if (a.status() != status) {
      String body = a.body().length() > 300 ? a.body().substring(0, 300) + "…" : a.body();
      throw new BenchException(
          what + " answered " + a.status() + " (expected " + status + "): " + body);
    }
    return a;
  }
}
