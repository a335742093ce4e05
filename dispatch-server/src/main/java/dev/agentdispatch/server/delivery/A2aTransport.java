package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.protocol.LeaseView;
import dev.agentdispatch.store.invocation.Completion;
import dev.agentdispatch.store.invocation.NewEvent;
import dev.agentdispatch.store.session.SessionInput;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pushes an attempt to a remote A2A agent: reads its card (asking for 1.0, taking 0.3 when that is
 * what it offers), sends the payload as a user message over JSON-RPC without waiting, and polls the
 * task it answers with until it ends, all within the attempt's deadline. A completed task's result
 * artifact completes the attempt. A task that requires input pauses a session run ({@code
 * waiting_for_input}); the run's next attempt, once an input resumed it, sends that input to the
 * same task and context and follows the same task (see {@link A2aRuns}). A plain invocation cannot
 * be given input, so there it fails without a retry. Every other end fails the attempt retryably,
 * and the function's retry policy decides. When the call is stopped (a cancel, a lost lease, the
 * deadline) the remote task is canceled too, best effort.
 */
final class A2aTransport implements PushTransport<Delivery.A2a>, AutoCloseable {
  /** Error type of a failed connection or exchange. */
  static final String UNAVAILABLE = "A2aUnavailable";

  /** Error type of an answer that is not what the protocol says (card, JSON-RPC, task). */
  static final String INVALID = "A2aInvalidResponse";

  /** Error type of a JSON-RPC error the remote agent answered with. */
  static final String RPC_ERROR = "A2aRpcError";

  /** Error type of an agent whose {@code token_env} names a variable this server does not have. */
  static final String TOKEN_MISSING = "A2aTokenMissing";

  /**
   * Error type of a plain invocation whose remote task requires input: only a session run can be
   * given input, and a retry would ask again, so it is not retried.
   */
  static final String INPUT_REQUIRED = "A2aInputRequired";

  /** Error type of a call stopped by the server itself (a cancel, a lost lease, shutdown). */
  static final String CANCELLED = "A2aCancelled";

  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration MAX_POLL = Duration.ofSeconds(1);
  private static final Duration REMOTE_CANCEL_TIMEOUT = Duration.ofSeconds(2);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client;
  private final A2aRuns runs;

  A2aTransport(PushTls tls, A2aRuns runs) {
    this.client = HttpTransport.client(tls, executor);
    this.runs = runs;
  }

  @Override
  public PushCall start(
      Delivery.A2a target,
      Invocation invocation,
      AgentSpec agent,
      Duration timeout,
      String traceparent) {
    LeaseView lease = LeaseView.of(invocation);
    Instant deadline = Instant.now().plus(timeout);
    CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
    Future<?> running =
        executor.submit(() -> {
          try {
            outcome.complete(
                new Follow(target, invocation, lease.leaseId(), deadline, traceparent).run());
          } catch (RuntimeException e) {
            // The outcome always completes: an attempt never waits out its deadline on a bug or a
            // card the HTTP client cannot use.
            outcome.complete(
                PushOutcome.answered(
                    failed(lease.leaseId(), INVALID, "the push to the A2A agent failed: " + e)));
          }
        });
    return new PushCall(
        outcome,
        () -> {
          running.cancel(true);
          outcome.complete(
              PushOutcome.unanswered(failed(lease.leaseId(), CANCELLED, "the push was stopped")));
        });
  }

  /** The remote agent's JSON-RPC endpoint, the version it speaks, and its skills. */
  private record Remote(URI url, boolean v1, Set<String> skills) {}

  /** A refusal the remote agent answered with (an HTTP status, a JSON-RPC error). */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String type;

    Refused(String type, String message) {
      super(message);
      this.type = type;
    }
  }

  /** One attempt followed to its end. */
  private final class Follow {
    private final Delivery.A2a target;
    private final Invocation invocation;
    private final String leaseId;
    private final Instant deadline;
    private final String traceparent;
    private Optional<String> token = Optional.empty();

    Follow(
        Delivery.A2a target,
        Invocation invocation,
        String leaseId,
        Instant deadline,
        String traceparent) {
      this.target = target;
      this.invocation = invocation;
      this.leaseId = leaseId;
      this.deadline = deadline;
      this.traceparent = traceparent;
    }

    PushOutcome run() {
      Remote remote = null;
      Optional<String> taskId = Optional.empty();
      if (target.tokenEnv().isPresent()) {
        String name = target.tokenEnv().get();
        token = Optional.ofNullable(System.getenv(name)).filter(t -> !t.isBlank());
        if (token.isEmpty()) {
          return PushOutcome.answered(
              failed(
                  leaseId,
                  TOKEN_MISSING,
                  "delivery.token_env names "
                      + name
                      + ", which is not set on this server: set it to the remote agent's token"));
        }
      }
      try {
        remote = card();
        Optional<A2aRuns.RemoteTask> waiting = runs.waitingOn(invocation, target.cardUrl());
        JsonNode task;
        // The status a sent answer replies to: until the task leaves it, the answer is not taken.
        Optional<JsonNode> answered = Optional.empty();
        if (waiting.isPresent()) {
          // A later attempt of a session run that waits on a remote task: the same task goes on.
          taskId = Optional.of(waiting.get().taskId());
          task = call(remote, remote.v1() ? "GetTask" : "tasks/get", idParams(taskId.get()));
          if (state(task).equals("input-required")) {
            Optional<SessionInput> answer = runs.answer(invocation, waiting.get());
            if (answer.isEmpty()) {
              // The run was not resumed since: the attempt that saw the wait ended before it could
              // report it, so this one reports it again.
              return settledOn(remote, task);
            }
            answered = Optional.of(task.path("status"));
            task = sendMessage(remote, answer(remote, waiting.get(), answer.get()));
          }
        } else {
          task = sendMessage(remote, send(remote));
        }
        if (!task.path("status").isObject()) {
          // A message instead of a task: the agent answered at once.
          return PushOutcome.answered(completed(parts(task.path("parts"))));
        }
        taskId = Optional.of(task.path("id").asString(""));
        Duration wait = FIRST_POLL;
        while (!settled(state(task)) || (answered.isPresent() && same(answered.get(), task))) {
          Duration left = Duration.between(Instant.now(), deadline);
          if (left.isNegative() || left.isZero()) {
            cancelRemote(remote, taskId);
            return PushOutcome.unanswered(timedOut());
          }
          Thread.sleep(wait.compareTo(left) < 0 ? wait : left);
          task = call(remote, remote.v1() ? "GetTask" : "tasks/get", idParams(taskId.get()));
          wait = wait.multipliedBy(2).compareTo(MAX_POLL) < 0 ? wait.multipliedBy(2) : MAX_POLL;
        }
        return settledOn(remote, task);
      } catch (InterruptedException e) {
        cancelRemote(remote, taskId);
        return PushOutcome.unanswered(failed(leaseId, CANCELLED, "the push was stopped"));
      } catch (HttpTimeoutException e) {
        cancelRemote(remote, taskId);
        return PushOutcome.unanswered(timedOut());
      } catch (IOException e) {
        return PushOutcome.unanswered(
            failed(leaseId, UNAVAILABLE, "A2A call to " + target.cardUrl() + " failed: " + e));
      } catch (Refused e) {
        return PushOutcome.answered(failed(leaseId, e.type, e.getMessage()));
      }
    }

    /**
     * Sends a message without waiting (see {@link #message}); the task it answers with, or the
     * message, when the agent answered at once.
     */
    private JsonNode sendMessage(Remote remote, ObjectNode message)
        throws IOException, InterruptedException, Refused {
      String method = remote.v1() ? "SendMessage" : "message/send";
      JsonNode answer;
      try {
        answer = call(remote, method, params(remote, message, true));
      } catch (Refused e) {
        if (!remote.v1() || !e.getMessage().contains("returnImmediately")) {
          throw e;
        }
        // A server of a pre-release 1.0 (e.g. the A2A Java SDK 1.0.0.Alpha3) knows `blocking`
        // instead, and refuses the field; without a configuration it answers at once too.
        answer = call(remote, method, params(remote, message, false));
      }
      if (!remote.v1()) {
        return answer;
      }
      return answer.has("task") ? answer.get("task") : answer.path("message");
    }

    /**
     * How the attempt ends on a settled task. A task that requires input pauses a session run
     * ({@code waiting_for_input}, its prompt from the task's status message) and fails a plain
     * invocation, which cannot be given input, without a retry (it would ask again). A session
     * run's log records the remote task and its state, for the run's next attempt.
     */
    private PushOutcome settledOn(Remote remote, JsonNode task) {
      String state = state(task);
      boolean sessionRun = invocation.spec().sessionId().isPresent();
      List<NewEvent> log =
          sessionRun
              ? List.of(
                  new A2aRuns.RemoteTask(
                          task.path("id").asString(""),
                          task.path("contextId").asString(""),
                          target.cardUrl(),
                          state,
                          Instant.now())
                      .entry())
              : List.of();
      if (state.equals("input-required")) {
        JsonNode statusMessage = task.path("status").path("message");
        if (sessionRun) {
          return PushOutcome.answered(
              new Completion.WaitingForInput(leaseId, Json.write(prompt(statusMessage))), log);
        }
        // Nobody will answer: the remote task is let go rather than left waiting.
        cancelRemote(remote, Optional.of(task.path("id").asString("")));
        String question = partsText(statusMessage.path("parts"));
        if (question.isEmpty()) {
          question = Json.write(prompt(statusMessage));
        }
        return PushOutcome.answered(
            new Completion.Failed(
                leaseId,
                ErrorInfo.of(
                    INPUT_REQUIRED,
                    "the A2A task "
                        + task.path("id").asString("")
                        + " is input-required, asking: "
                        + question
                        + "; only a session run can be given input (send it as a session input)"),
                false));
      }
      return PushOutcome.answered(ended(task), log);
    }

    private Completion timedOut() {
      return failed(
          leaseId,
          ErrorInfo.ATTEMPT_TIMED_OUT,
          "the A2A task did not end within the attempt's deadline");
    }

    /** The card, asked for in 1.0; a 0.3 agent answers with its own. */
    private Remote card() throws IOException, InterruptedException, Refused {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(target.cardUrl())
              .timeout(left())
              .header("Accept", "application/json")
              .header("A2A-Version", "1.0")
              .GET();
      HttpRequest request = authorized(b, target.cardUrl()).build();
      JsonNode card = exchange(request, "GET " + target.cardUrl());
      Set<String> skills = new HashSet<>();
      card.path("skills").forEach(s -> skills.add(s.path("id").asString("")));
      for (JsonNode i : card.path("supportedInterfaces")) {
        if (i.path("protocolBinding").asString("").equals("JSONRPC")
            && i.path("protocolVersion").asString("1").startsWith("1")) {
          return new Remote(uri(i.path("url").asString("")), true, skills);
        }
      }
      if (card.path("url").isString()
          && card.path("preferredTransport").asString("JSONRPC").equals("JSONRPC")) {
        return new Remote(uri(card.path("url").asString()), false, skills);
      }
      throw new Refused(INVALID, "the agent card at " + target.cardUrl() + " offers no JSON-RPC");
    }

    private static int port(URI uri) {
      if (uri.getPort() != -1) {
        return uri.getPort();
      }
      return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private URI uri(String url) throws Refused {
      try {
        URI uri = target.cardUrl().resolve(new URI(url));
        if (!uri.getScheme().startsWith("http") || uri.getHost() == null) {
          throw new IllegalArgumentException("not http");
        }
        return uri;
      } catch (java.net.URISyntaxException | IllegalArgumentException | NullPointerException e) {
        throw new Refused(INVALID, "the agent card's url '" + url + "' is not an http(s) URL");
      }
    }

    /** The first message of a task: the payload as one part (a string as text, else data). */
    private ObjectNode send(Remote remote) {
      return message(
          remote,
          invocation.id() + "-" + invocation.state().attempt(),
          value(invocation.spec().payloadJson()));
    }

    /**
     * The message that answers a remote task waiting for input: the input that resumed the run, in
     * the task and its context. Its id is the input's, the same on every attempt that sends it, so
     * that an agent which tells a resent message by its id takes it once.
     */
    private ObjectNode answer(Remote remote, A2aRuns.RemoteTask task, SessionInput input) {
      ObjectNode message = message(remote, input.id(), value(input.inputJson()));
      message.put("taskId", task.taskId()).put("contextId", task.contextId());
      return message;
    }

    private ObjectNode message(Remote remote, String messageId, JsonNode content) {
      ObjectNode message = JSON.objectNode();
      if (!remote.v1()) {
        message.put("kind", "message");
      }
      message.put("messageId", messageId).put("role", remote.v1() ? "ROLE_USER" : "user");
      message.putArray("parts").add(part(remote, content));
      return message;
    }

    /**
     * A send's params: the message, the skill of the function's name when the remote agent has one
     * of that id, and (when {@code configured}) not to wait for the task to end.
     */
    private ObjectNode params(Remote remote, ObjectNode message, boolean configured) {
      ObjectNode params = JSON.objectNode();
      params.set("message", message);
      ObjectNode metadata = params.putObject("metadata");
      if (remote.skills().contains(invocation.spec().function())) {
        metadata.put("skillId", invocation.spec().function());
      }
      metadata.put("dispatchInvocationId", invocation.id());
      if (configured) {
        ObjectNode configuration = params.putObject("configuration");
        if (remote.v1()) {
          configuration.put("returnImmediately", true);
        } else {
          configuration.put("blocking", false);
        }
      }
      return params;
    }

    private ObjectNode part(Remote remote, JsonNode value) {
      ObjectNode part = JSON.objectNode();
      if (value.isString()) {
        if (!remote.v1()) {
          part.put("kind", "text");
        }
        return part.put("text", value.asString());
      }
      if (remote.v1()) {
        return part.set("data", value);
      }
      part.put("kind", "data");
      return part.set("data", value.isObject() ? value : JSON.objectNode().set("value", value));
    }

    private void cancelRemote(Remote remote, Optional<String> taskId) {
      if (remote == null || taskId.isEmpty()) {
        return;
      }
      Remote r = remote;
      String id = taskId.get();
      // Off this (possibly interrupted) thread, and not waited for: best effort.
      executor.submit(() -> {
        try {
          exchange(
              rpc(r, r.v1() ? "CancelTask" : "tasks/cancel", idParams(id), REMOTE_CANCEL_TIMEOUT),
              "cancel");
        } catch (IOException | InterruptedException | Refused | RuntimeException e) {
          // The remote task may already have ended; it is not ours to retry.
        }
      });
    }

    private JsonNode call(Remote remote, String method, ObjectNode params)
        throws IOException, InterruptedException, Refused {
      JsonNode response = exchange(rpc(remote, method, params, left()), method);
      JsonNode error = response.path("error");
      if (error.isObject()) {
        throw new Refused(
            RPC_ERROR,
            method
                + " answered JSON-RPC error "
                + error.path("code").asInt()
                + ": "
                + error.path("message").asString(""));
      }
      JsonNode result = response.path("result");
      if (!result.isObject()) {
        throw new Refused(INVALID, method + " answered no result object");
      }
      return result;
    }

    private HttpRequest rpc(Remote remote, String method, ObjectNode params, Duration timeout) {
      ObjectNode body = JSON.objectNode();
      body.put("jsonrpc", "2.0").put("id", 1).put("method", method).set("params", params);
      HttpRequest.Builder b =
          HttpRequest.newBuilder(remote.url())
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .header("traceparent", traceparent)
              .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
      if (remote.v1()) {
        b.header("A2A-Version", "1.0");
      }
      return authorized(b, remote.url()).build();
    }

    /**
     * Adds the agent's bearer token, if it has one, to a request for {@code uri} on the card URL's
     * own origin: a card naming another host does not receive the token.
     */
    private HttpRequest.Builder authorized(HttpRequest.Builder b, URI uri) {
      URI card = target.cardUrl();
      boolean sameOrigin =
          uri.getScheme().equalsIgnoreCase(card.getScheme())
              && uri.getHost().equalsIgnoreCase(card.getHost())
              && port(uri) == port(card);
      if (token.isPresent() && sameOrigin) {
        b.header("Authorization", "Bearer " + token.get());
      }
      return b;
    }

    private JsonNode exchange(HttpRequest request, String what)
        throws IOException, InterruptedException, Refused {
      HttpResponse<byte[]> response;
      try {
        response =
            client
                .sendAsync(
                    request,
                    info ->
                        new HttpTransport.LimitedBody(
                            HttpResponse.BodySubscribers.ofByteArray(),
                            HttpTransport.MAX_ANSWER_BYTES))
                .get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
      String text = new String(response.body(), StandardCharsets.UTF_8);
      if (response.statusCode() < 200 || response.statusCode() > 299) {
        throw new Refused(
            "Http" + response.statusCode(),
            "HTTP " + response.statusCode() + " from " + what + ": " + quote(text));
      }
      try {
        JsonNode json = Json.tree(text);
        if (json == null || !json.isObject()) {
          throw new Refused(INVALID, what + " answered no JSON object");
        }
        return json;
      } catch (JacksonException e) {
        throw new Refused(INVALID, what + " answered no JSON: " + e.getOriginalMessage());
      }
    }

    private Duration left() {
      Duration left = Duration.between(Instant.now(), deadline);
      return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    /** How a settled task ends the attempt. */
    private Completion ended(JsonNode task) {
      String state = state(task);
      if (state.equals("completed")) {
        List<JsonNode> parts = new ArrayList<>();
        task.path("artifacts").forEach(a -> a.path("parts").forEach(parts::add));
        if (parts.isEmpty()) {
          task.path("status").path("message").path("parts").forEach(parts::add);
        }
        return completed(parts(JSON.arrayNode().addAll(parts)));
      }
      String said = partsText(task.path("status").path("message").path("parts"));
      String type =
          switch (state) {
            case "failed" -> "A2aTaskFailed";
            case "canceled" -> "A2aTaskCanceled";
            case "rejected" -> "A2aTaskRejected";
            case "auth-required" -> "A2aAuthRequired";
            default -> INVALID;
          };
      return failed(
          leaseId,
          type,
          "the A2A task "
              + task.path("id").asString("")
              + " is "
              + state
              + (said.isEmpty() ? "" : ": " + said));
    }

    private Completion completed(JsonNode result) {
      return new Completion.Completed(leaseId, Json.write(result));
    }
  }

  /** A task's state in 0.3's spelling ({@code TASK_STATE_INPUT_REQUIRED} → input-required). */
  private static String state(JsonNode task) {
    String s = task.path("status").path("state").asString("");
    if (s.startsWith("TASK_STATE_")) {
      s = s.substring("TASK_STATE_".length()).replace('_', '-');
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether {@code task} still shows the input-required status {@code before}: a server may answer
   * a message with the task as it was (the A2A Java SDK does), before its agent took the message.
   * The same state and timestamp, with no other status message, is that status; a new question has
   * a new timestamp or message.
   */
  private static boolean same(JsonNode before, JsonNode task) {
    JsonNode now = task.path("status");
    JsonNode message = now.path("message");
    return state(task).equals("input-required")
        && now.path("timestamp").equals(before.path("timestamp"))
        && (message.isMissingNode()
            || message.isNull()
            || message.path("messageId").equals(before.path("message").path("messageId")));
  }

  private static boolean settled(String state) {
    return switch (state) {
      case "submitted", "working", "unknown", "unspecified", "" -> false;
      default -> true;
    };
  }

  /** The result parts carry: the first data part's data, else the text parts joined, else null. */
  private static JsonNode parts(JsonNode parts) {
    for (JsonNode p : parts) {
      if (p.has("data") && !p.path("data").isNull()) {
        return p.get("data");
      }
    }
    String text = partsText(parts);
    return text.isEmpty() ? JSON.nullNode() : JSON.stringNode(text);
  }

  /**
   * The prompt of a task waiting for input, from its status message: the first data part's data as
   * it is, else {@code {"question": the text parts joined}}, else (no message) {@code {}}.
   */
  static JsonNode prompt(JsonNode statusMessage) {
    JsonNode parts = statusMessage.path("parts");
    for (JsonNode p : parts) {
      if (p.has("data") && !p.path("data").isNull()) {
        return p.get("data");
      }
    }
    String text = partsText(parts);
    return text.isEmpty() ? JSON.objectNode() : JSON.objectNode().put("question", text);
  }

  private static String partsText(JsonNode parts) {
    List<String> texts = new ArrayList<>();
    for (JsonNode p : parts) {
      if (p.path("text").isString()) {
        texts.add(p.path("text").asString());
      }
    }
    return String.join("\n", texts);
  }

  private static ObjectNode idParams(String id) {
    return JSON.objectNode().put("id", id);
  }

  private static JsonNode value(String json) {
    try {
      return Json.tree(json);
    } catch (JacksonException e) {
      return JSON.stringNode(json);
    }
  }

  private static String quote(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static Completion failed(String leaseId, String type, String message) {
    return new Completion.Failed(leaseId, ErrorInfo.of(type, message), true);
  }

  /** Aborts the calls in flight. */
  @Override
  public void close() {
    client.shutdownNow();
    executor.shutdownNow();
  }
}
