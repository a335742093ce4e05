package dev.agentdispatch.server.doors.langgraph;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.core.agent.Names;
import dev.agentdispatch.core.auth.Permission;
import dev.agentdispatch.core.session.InputStrategy;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.agents.AgentService;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.sessions.SessionReservations;
import dev.agentdispatch.server.app.sessions.SessionService;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.doors.http.ErrorShape;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.http.HttpDoor;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import dev.agentdispatch.store.session.StateRevision;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The LangGraph Platform API door at {@code /langgraph/{ns}}, and for the default namespace at the
 * root paths ({@code /assistants}, {@code /threads}, {@code /runs}, {@code /info}) where LangGraph
 * tools look by default: assistants are the namespace's callable functions, threads its sessions,
 * runs the inputs sent to them. Reading needs {@code read}, opening threads and sending runs {@code
 * invoke}, with the same keys and namespace rules as {@code /v1} ({@link Guard}). Errors are the
 * platform's {@code {"detail": …}}.
 */
public final class LangGraphDoor implements HttpDoor {
  static final String MOUNT = "/langgraph";

  /** The namespace the root paths ({@code /assistants}, {@code /threads}, …) serve. */
  static final String ROOT_NAMESPACE = "default";

  /** How long {@code runs/wait} and {@code join} wait before answering with the run as it is. */
  static final Duration WAIT = Duration.ofMinutes(5);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Set<String> RUN_FIELDS =
      Set.of(
          "assistant_id",
          "input",
          "command",
          "multitask_strategy",
          "stream_mode",
          "if_not_exists",
          "stream_subgraphs",
          "stream_resumable",
          "on_disconnect");

  private final Guard guard;
  private final Assistants assistants;
  private final Threads threads;
  private final Runs runs;
  private final RunStream streams;

  /**
   * @param open false once the server is closing: waits and streams end
   */
  public LangGraphDoor(
      Guard guard,
      AgentService agents,
      SessionService sessions,
      SessionReservations reservations,
      InvocationService invocations,
      LogService logs,
      BooleanSupplier open) {
    this.guard = guard;
    this.assistants = new Assistants(agents);
    this.threads = new Threads(sessions, reservations, invocations);
    this.runs = new Runs(sessions, invocations, logs, open);
    this.streams = new RunStream(runs, invocations, logs, open);
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of(MOUNT + "/", "/info", "/assistants", "/threads", "/runs");
  }

  @Override
  public ErrorShape errorShape() {
    return e -> Map.of("detail", e.getMessage());
  }

  @Override
  public void register(RoutesConfig routes) {
    register(routes, MOUNT + "/{ns}", guard::with);
    // Where LangGraph tools look by default: the default namespace at the root paths. None of
    // them collides with another door (/v1, /ui, /mcp, /a2a, /metrics, /healthz, /readyz).
    register(routes, "", (needed, handler) -> guard.in(ctx -> ROOT_NAMESPACE, needed, handler));
  }

  /** How a mount finds the namespace of a request and checks the caller's key for it. */
  private interface Guarded {
    Handler with(Permission needed, Guard.NamespacedHandler handler);
  }

  private void register(RoutesConfig routes, String base, Guarded g) {
    routes.get(base + "/info", g.with(READ, (ctx, ns) -> json(ctx, 200, info())));
    routes.post(base + "/assistants", g.with(INVOKE, this::changeAssistant));
    routes.post(base + "/assistants/search", g.with(READ, this::searchAssistants));
    routes.get(base + "/assistants/{id}", g.with(READ, this::assistant));
    routes.patch(base + "/assistants/{id}", g.with(INVOKE, this::changeAssistant));
    routes.delete(base + "/assistants/{id}", g.with(INVOKE, this::changeAssistant));
    routes.get(base + "/assistants/{id}/schemas", g.with(READ, this::schemas));
    routes.post(base + "/threads", g.with(INVOKE, this::createThread));
    routes.post(base + "/threads/search", g.with(READ, this::searchThreads));
    routes.get(base + "/threads/{thread}", g.with(READ, this::thread));
    routes.delete(base + "/threads/{thread}", g.with(INVOKE, this::deleteThread));
    routes.get(base + "/threads/{thread}/state", g.with(READ, this::state));
    routes.post(base + "/threads/{thread}/state", g.with(INVOKE, this::updateState));
    routes.get(base + "/threads/{thread}/state/{checkpoint}", g.with(READ, this::stateAt));
    routes.get(base + "/threads/{thread}/history", g.with(READ, this::history));
    routes.post(base + "/threads/{thread}/history", g.with(READ, this::history));
    routes.get(base + "/threads/{thread}/runs", g.with(READ, this::listRuns));
    routes.post(base + "/threads/{thread}/runs", g.with(INVOKE, this::createRun));
    routes.post(base + "/threads/{thread}/runs/wait", g.with(INVOKE, this::waitRun));
    routes.post(base + "/threads/{thread}/runs/stream", g.with(INVOKE, this::streamRun));
    routes.get(base + "/threads/{thread}/runs/{run}", g.with(READ, this::run));
    routes.get(base + "/threads/{thread}/runs/{run}/join", g.with(READ, this::join));
    routes.get(base + "/threads/{thread}/runs/{run}/stream", g.with(READ, this::joinStream));
    routes.post(base + "/threads/{thread}/runs/{run}/cancel", g.with(INVOKE, this::cancel));
    routes.post(base + "/runs/wait", g.with(INVOKE, this::statelessWait));
    routes.post(base + "/runs/stream", g.with(INVOKE, this::statelessStream));
  }

  private static ObjectNode info() {
    ObjectNode v = JSON.objectNode();
    v.put("version", "agent-dispatch");
    v.putObject("flags").put("assistants", true).put("crons", false).put("langsmith", false);
    return v;
  }

  private void searchAssistants(Context ctx, String ns) {
    Body body = Body.of(ctx.body(), Set.of("graph_id", "metadata", "limit", "offset", "name"));
    Optional<String> graph = body.text("graph_id");
    Optional<String> name = body.text("name");
    ObjectNode metadata = body.object("metadata");
    int limit = body.integer("limit", 10, 1, 1000);
    int offset = body.integer("offset", 0, 0, Integer.MAX_VALUE);
    ArrayNode found = JSON.arrayNode();
    assistants.all(ns).stream()
        .filter(a -> allowed(ctx, a.agent().name()))
        .map(Assistants::view)
        .filter(v -> graph.map(g -> g.equals(v.path("graph_id").asString())).orElse(true))
        .filter(v -> name.map(n -> v.path("name").asString().contains(n)).orElse(true))
        .filter(v ->
            metadata.properties().stream()
                .allMatch(e -> v.path("metadata").path(e.getKey()).equals(e.getValue())))
        .skip(offset)
        .limit(limit)
        .forEach(found::add);
    json(ctx, 200, found);
  }

  /** Whether the caller's key may start work on {@code agent} ({@link Guard#requireInvoke}). */
  private static boolean allowed(Context ctx, String agent) {
    try {
      Guard.requireInvoke(ctx, agent);
      return true;
    } catch (ServiceException.Forbidden e) {
      return false;
    }
  }

  private Assistants.Assistant assistantOf(Context ctx, String ns, String id) {
    Assistants.Assistant a = assistants.resolve(ns, id);
    Guard.requireInvoke(ctx, a.agent().name());
    return a;
  }

  private void assistant(Context ctx, String ns) {
    json(ctx, 200, Assistants.view(assistantOf(ctx, ns, ctx.pathParam("id"))));
  }

  private void schemas(Context ctx, String ns) {
    json(ctx, 200, Assistants.schemas(assistantOf(ctx, ns, ctx.pathParam("id"))));
  }

  /**
   * Makes a thread. With {@code graph_id} (or {@code metadata.graph_id}) its session opens now; a
   * session needs its function, so without one the thread is a stored reservation of its id and
   * metadata, and its first run chooses the assistant and opens the session.
   */
  private void createThread(Context ctx, String ns) {
    Body body = Body.of(ctx.body(), Set.of("thread_id", "metadata", "if_exists", "graph_id"));
    Optional<String> id = body.text("thread_id");
    ObjectNode metadata = body.object("metadata");
    String ifExists = body.text("if_exists").orElse("raise");
    if (!ifExists.equals("raise") && !ifExists.equals("do_nothing")) {
      throw new ServiceException.Invalid(
          "if_exists must be raise or do_nothing, got '" + ifExists + "'");
    }
    Optional<String> graph =
        body.text("graph_id")
            .or(() ->
                Optional.of(metadata.path("graph_id"))
                    .filter(JsonNode::isString)
                    .map(JsonNode::asString));
    id.ifPresent(thread -> Names.require(thread, "thread_id"));
    Optional<Assistants.Assistant> a = graph.map(g -> assistantOf(ctx, ns, g));
    if (id.isPresent()) {
      Optional<ObjectNode> existing = existingView(ctx, ns, id.get());
      if (existing.isPresent()) {
        if (ifExists.equals("raise")) {
          throw new ServiceException.Conflict(
              "thread_exists", "thread '" + id.get() + "' already exists", Optional.empty());
        }
        json(ctx, 200, existing.get());
        return;
      }
    }
    if (a.isEmpty()) {
      String thread = id.orElseGet(() -> UUID.randomUUID().toString());
      json(ctx, 200, Threads.view(threads.reserve(ns, thread, metadata)));
      return;
    }
    json(ctx, 200, threads.view(threads.open(ns, a.get(), id, metadata)));
  }

  /** The thread {@code id} as it is, when it exists: an open session or a reservation. */
  private Optional<ObjectNode> existingView(Context ctx, String ns, String id) {
    Optional<SessionRecord> session = threads.find(ns, id);
    if (session.isPresent()) {
      Guard.requireInvoke(ctx, session.get().agent());
      return Optional.of(threads.view(session.get()));
    }
    return threads.reserved(ns, id).map(Threads::view);
  }

  /**
   * The session of the thread in the path; a thread whose first run has not come yet has no runs or
   * checkpoints to read.
   */
  private SessionRecord threadOf(Context ctx, String ns) {
    String id = ctx.pathParam("thread");
    Optional<SessionRecord> s = threads.find(ns, id);
    if (s.isEmpty()) {
      if (threads.reserved(ns, id).isPresent()) {
        throw new ServiceException.NotFound(
            "thread '" + id + "' has no runs yet: its first run opens it");
      }
      throw new ServiceException.NotFound("thread '" + id + "' not found");
    }
    Guard.requireInvoke(ctx, s.get().agent());
    return s.get();
  }

  /** The thread in the path when it is still a reservation (a session of that id wins). */
  private Optional<SessionReservations.Reservation> reservedOf(Context ctx, String ns) {
    String id = ctx.pathParam("thread");
    return threads.find(ns, id).isPresent() ? Optional.empty() : threads.reserved(ns, id);
  }

  private void thread(Context ctx, String ns) {
    Optional<SessionReservations.Reservation> r = reservedOf(ctx, ns);
    json(ctx, 200, r.isPresent() ? Threads.view(r.get()) : threads.view(threadOf(ctx, ns)));
  }

  private void deleteThread(Context ctx, String ns) {
    if (reservedOf(ctx, ns).isPresent()) {
      threads.cancelReservation(ns, ctx.pathParam("thread"));
    } else {
      threads.delete(ns, threadOf(ctx, ns).id());
    }
    ctx.status(204);
  }

  private void state(Context ctx, String ns) {
    Optional<SessionReservations.Reservation> r = reservedOf(ctx, ns);
    json(ctx, 200, r.isPresent() ? Threads.state(r.get()) : threads.state(threadOf(ctx, ns)));
  }

  /**
   * {@code POST /threads/{id}/state}: {@code values} become the session's next state revision (the
   * state document its function's next run reads). A {@code checkpoint_id} (or {@code
   * checkpoint.checkpoint_id}) makes it conditional: 409 unless that is still the current revision.
   */
  private void updateState(Context ctx, String ns) {
    Body body = Body.of(ctx.body(), Set.of("values", "checkpoint", "checkpoint_id", "as_node"));
    SessionRecord s = threadOf(ctx, ns);
    JsonNode values =
        body.field("values")
            .orElseThrow(() -> new ServiceException.Invalid("values is required (the new state)"));
    String graph = Assistants.Assistant.graphId(s.agent(), s.function());
    body.text("as_node")
        .filter(n -> !n.equals(graph))
        .ifPresent(n -> {
          throw new ServiceException.Invalid(
              "as_node must be " + graph + " (the thread's only node), got '" + n + "'");
        });
    Optional<String> checkpoint = body.text("checkpoint_id");
    if (body.field("checkpoint").isPresent()) {
      ObjectNode c = body.object("checkpoint");
      for (String name : c.propertyNames()) {
        if (!Set.of("checkpoint_id", "thread_id", "checkpoint_ns").contains(name)) {
          throw new ServiceException.Invalid(
              "checkpoint." + name + " is not supported (it takes checkpoint_id)");
        }
      }
      JsonNode id = c.path("checkpoint_id");
      if (!id.isMissingNode() && !id.isNull()) {
        if (!id.isString()) {
          throw new ServiceException.Invalid("checkpoint.checkpoint_id must be a string");
        }
        if (checkpoint.isPresent() && !checkpoint.get().equals(id.asString())) {
          throw new ServiceException.Invalid(
              "checkpoint_id and checkpoint.checkpoint_id name different checkpoints");
        }
        checkpoint = Optional.of(id.asString());
      }
    }
    Optional<Long> expected = checkpoint.map(Threads::revisionOf);
    long written = threads.write(s, values, expected).revision();
    ObjectNode v = JSON.objectNode();
    v.set("checkpoint", Threads.config(s, written));
    json(ctx, 200, v);
  }

  /** {@code GET /threads/{id}/state/{checkpoint_id}}: one revision of the session's state. */
  private void stateAt(Context ctx, String ns) {
    SessionRecord s = threadOf(ctx, ns);
    long revision = Threads.revisionOf(ctx.pathParam("checkpoint"));
    json(ctx, 200, Threads.checkpoint(s, threads.revision(s, revision)));
  }

  /**
   * {@code GET|POST /threads/{id}/history}: the session's state revisions, newest first; {@code
   * before} (a checkpoint id, or a config naming one) pages back, {@code metadata} filters.
   */
  private void history(Context ctx, String ns) {
    int limit;
    Optional<Long> before;
    ObjectNode metadata;
    if (ctx.method().name().equals("GET")) {
      limit = intParam(ctx, "limit", 10);
      before = Optional.ofNullable(ctx.queryParam("before")).map(Threads::revisionOf);
      metadata = JSON.objectNode();
    } else {
      Body body = Body.of(ctx.body(), Set.of("limit", "before", "metadata", "checkpoint"));
      limit = body.integer("limit", 10, 1, 1000);
      before = body.field("before").map(LangGraphDoor::checkpointOf).map(Threads::revisionOf);
      metadata = body.object("metadata");
      body.field("checkpoint")
          .filter(c -> !c.isObject() || !c.isEmpty())
          .ifPresent(c -> {
            throw new ServiceException.Invalid(
                "checkpoint is not supported in history (a function has no subgraphs): use"
                    + " before");
          });
    }
    if (limit < 1 || limit > 1000) {
      throw new ServiceException.Invalid("limit must be from 1 to 1000, got " + limit);
    }
    if (reservedOf(ctx, ns).isPresent()) {
      json(ctx, 200, JSON.arrayNode()); // no checkpoint before its first run
      return;
    }
    SessionRecord s = threadOf(ctx, ns);
    ArrayNode out = JSON.arrayNode();
    Optional<Long> cursor = before;
    while (out.size() < limit) {
      List<StateRevision> page = threads.revisions(s, cursor, 100);
      for (StateRevision r : page) {
        ObjectNode v = Threads.checkpoint(s, r);
        boolean matches =
            metadata.properties().stream()
                .allMatch(e -> v.path("metadata").path(e.getKey()).equals(e.getValue()));
        if (matches && out.size() < limit) {
          out.add(v);
        }
      }
      if (page.size() < 100) {
        break;
      }
      cursor = Optional.of(page.get(page.size() - 1).revision());
    }
    json(ctx, 200, out);
  }

  /** The checkpoint id in {@code before}: a string, or a config with {@code checkpoint_id}. */
  private static String checkpointOf(JsonNode before) {
    if (before.isString()) {
      return before.asString();
    }
    JsonNode id = before.path("configurable").path("checkpoint_id");
    if (id.isMissingNode()) {
      id = before.path("checkpoint_id");
    }
    if (!id.isString()) {
      throw new ServiceException.Invalid(
          "before must be a checkpoint id or a config with configurable.checkpoint_id");
    }
    return id.asString();
  }

  /**
   * Assistant create, update and delete are refused: an assistant here is a function an agent
   * registered, with no configuration of its own to store (a function takes no {@code config} or
   * {@code context}), so a stored assistant would either be ignored or change nothing a run does.
   */
  private void changeAssistant(Context ctx, String ns) {
    ObjectNode v = JSON.objectNode();
    v.put(
        "detail",
        "assistants are not created, changed or deleted here: each is a callable function an agent"
            + " registered (graph_id agent.function), and it takes no config or context to store."
            + " Use the existing assistant (POST /assistants/search), or register the function with"
            + " the agent.");
    json(ctx, 405, v);
  }

  private void searchThreads(Context ctx, String ns) {
    Body body = Body.of(ctx.body(), Set.of("metadata", "status", "limit", "offset", "ids"));
    ObjectNode metadata = body.object("metadata");
    Optional<String> status = body.text("status");
    status
        .filter(s -> !Set.of("idle", "busy", "interrupted", "error").contains(s))
        .ifPresent(s -> {
          throw new ServiceException.Invalid(
              "status must be idle, busy, interrupted or error, got '" + s + "'");
        });
    List<String> ids = body.texts("ids", List.of());
    int limit = body.integer("limit", 10, 1, 1000);
    int offset = body.integer("offset", 0, 0, Integer.MAX_VALUE);
    List<ObjectNode> found = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      Page<SessionRecord> page = threads.page(ns, cursor);
      for (SessionRecord s : page.items()) {
        if (allowed(ctx, s.agent())
            && (ids.isEmpty() || ids.contains(s.id()))
            && Threads.matches(s, metadata)) {
          ObjectNode v = threads.view(s);
          if (status.map(x -> x.equals(v.path("status").asString())).orElse(true)) {
            found.add(v);
          }
        }
      }
      cursor = page.nextCursor();
    } while (cursor.isPresent() && found.size() < offset + limit);
    // Threads whose first run has not come yet: idle, with the metadata they were made with.
    cursor = Optional.empty();
    while (found.size() < offset + limit && status.map("idle"::equals).orElse(true)) {
      Page<SessionReservations.Reservation> page = threads.reservations(ns, cursor);
      for (SessionReservations.Reservation r : page.items()) {
        if ((ids.isEmpty() || ids.contains(r.id()))
            && Threads.matches(r.metadata(), metadata)
            && threads.find(ns, r.id()).isEmpty()) {
          found.add(Threads.view(r));
        }
      }
      cursor = page.nextCursor();
      if (cursor.isEmpty()) {
        break;
      }
    }
    ArrayNode out = JSON.arrayNode();
    found.stream().skip(offset).limit(limit).forEach(out::add);
    json(ctx, 200, out);
  }

  /**
   * The thread a run goes to: the existing session (its assistant must match), the session of a
   * thread made without an assistant (opened now, with this run's), or a new one when {@code
   * if_not_exists} is {@code create}.
   */
  private SessionRecord runThread(Context ctx, String ns, Body body) {
    String id = ctx.pathParam("thread");
    Assistants.Assistant a = assistantOf(ctx, ns, requireAssistant(body));
    Optional<SessionRecord> existing = threads.find(ns, id);
    if (existing.isPresent()) {
      SessionRecord s = existing.get();
      Guard.requireInvoke(ctx, s.agent());
      if (!s.agent().equals(a.agent().name()) || !s.function().equals(a.function().name())) {
        throw new ServiceException.Conflict(
            "assistant_mismatch",
            "thread '"
                + id
                + "' talks to "
                + Assistants.Assistant.graphId(s.agent(), s.function())
                + ", not "
                + a.graphId()
                + ": start a new thread for another assistant",
            Optional.empty());
      }
      return s;
    }
    Optional<SessionReservations.Reservation> reserved = threads.reserved(ns, id);
    String ifNotExists = body.text("if_not_exists").orElse("reject");
    if (reserved.isEmpty() && !ifNotExists.equals("create")) {
      throw new ServiceException.NotFound(
          "thread '" + id + "' not found (send if_not_exists create to make it)");
    }
    Runs.Request r = Runs.request(body); // bad input opens nothing
    if (r.resume()) {
      throw new ServiceException.Conflict(
          "not_interrupted",
          "thread '" + id + "' has no interrupted run to resume",
          Optional.empty());
    }
    threads.checkInput(ns, a, r.input());
    if (reserved.isPresent()) {
      return threads.open(reserved.get(), a); // the first run chooses the assistant
    }
    try {
      return threads.open(ns, a, Optional.of(id), JSON.objectNode());
    } catch (ServiceException.Conflict raced) {
      return threads.get(ns, id);
    }
  }

  private static String requireAssistant(Body body) {
    return body.text("assistant_id")
        .orElseThrow(() -> new ServiceException.Invalid("assistant_id is required"));
  }

  private record Sent(SessionRecord session, SessionInput input, Body body) {}

  private Sent send(Context ctx, String ns) {
    Body body = Body.of(ctx.body(), RUN_FIELDS);
    body.text("if_not_exists")
        .filter(v -> !v.equals("create") && !v.equals("reject"))
        .ifPresent(v -> {
          throw new ServiceException.Invalid(
              "if_not_exists must be create or reject, got '" + v + "'");
        });
    RunStream.modes(body);
    Runs.Request r = Runs.request(body);
    body.field("stream_subgraphs")
        .filter(v -> !v.isBoolean() || v.asBoolean())
        .ifPresent(v -> {
          throw new ServiceException.Invalid(
              "stream_subgraphs is not supported (a function has no subgraphs)");
        });
    body.text("on_disconnect")
        .filter(v -> !v.equals("continue"))
        .ifPresent(v -> {
          throw new ServiceException.Invalid(
              "on_disconnect must be continue: a run goes on without its client");
        });
    SessionRecord session = runThread(ctx, ns, body);
    return new Sent(session, runs.submit(session, r), body);
  }

  private void createRun(Context ctx, String ns) {
    Sent sent = send(ctx, ns);
    location(ctx, sent);
    json(ctx, 200, runs.view(sent.session(), sent.input()));
  }

  private void waitRun(Context ctx, String ns) {
    Sent sent = send(ctx, ns);
    location(ctx, sent);
    json(ctx, 200, runs.join(sent.session(), sent.input(), WAIT));
  }

  private void streamRun(Context ctx, String ns) {
    Sent sent = send(ctx, ns);
    streams.stream(ctx, sent.session(), sent.input(), RunStream.modes(sent.body()), 0);
  }

  private static void location(Context ctx, Sent sent) {
    ctx.header(
        "Content-Location", "/threads/" + sent.session().id() + "/runs/" + sent.input().id());
  }

  private void listRuns(Context ctx, String ns) {
    if (reservedOf(ctx, ns).isPresent()) {
      json(ctx, 200, JSON.arrayNode());
      return;
    }
    SessionRecord s = threadOf(ctx, ns);
    int limit = intParam(ctx, "limit", 10);
    int offset = intParam(ctx, "offset", 0);
    ArrayNode out = JSON.arrayNode();
    runs.list(s, limit, offset).forEach(i -> out.add(runs.view(s, i)));
    json(ctx, 200, out);
  }

  private static int intParam(Context ctx, String name, int fallback) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ServiceException.Invalid(name + " must be a non-negative integer, got '" + v + "'");
    }
  }

  private void run(Context ctx, String ns) {
    SessionRecord s = threadOf(ctx, ns);
    json(ctx, 200, runs.view(s, runs.find(s, ctx.pathParam("run"))));
  }

  private void join(Context ctx, String ns) {
    SessionRecord s = threadOf(ctx, ns);
    json(ctx, 200, runs.join(s, runs.find(s, ctx.pathParam("run")), WAIT));
  }

  private void joinStream(Context ctx, String ns) {
    SessionRecord s = threadOf(ctx, ns);
    SessionInput input = runs.find(s, ctx.pathParam("run"));
    long after = 0;
    String last = ctx.header("Last-Event-ID");
    if (last != null && !last.isBlank()) {
      try {
        after = Long.parseLong(last.trim());
      } catch (NumberFormatException e) {
        throw new ServiceException.Invalid(
            "Last-Event-ID must be an event id this server sent, got '" + last + "'");
      }
    }
    List<String> modes = new ArrayList<>();
    for (String m : ctx.queryParams("stream_mode")) {
      if (!RunStream.MODES.contains(m)) {
        throw new ServiceException.Invalid(
            "stream_mode '" + m + "' is not supported: use " + RunStream.MODES);
      }
      modes.add(m);
    }
    streams.stream(ctx, s, input, modes.isEmpty() ? List.of("values") : modes, after);
  }

  private void cancel(Context ctx, String ns) {
    SessionRecord s = threadOf(ctx, ns);
    String action = Optional.ofNullable(ctx.queryParam("action")).orElse("interrupt");
    if (!action.equals("interrupt")) {
      throw new ServiceException.Invalid(
          "action must be interrupt: a cancelled run keeps what it did (send a run with"
              + " multitask_strategy rollback to discard it)");
    }
    SessionInput input = runs.cancel(s, runs.find(s, ctx.pathParam("run")));
    json(ctx, 202, runs.view(s, runs.reread(s, input)));
  }

  /** A stateless run: a new thread of its own, kept afterwards so the run can be read. */
  private Sent stateless(Context ctx, String ns) {
    Body body = Body.of(ctx.body(), RUN_FIELDS);
    RunStream.modes(body);
    Runs.Request r = Runs.request(body);
    if (r.resume()) {
      throw new ServiceException.Invalid("a stateless run has no interrupt to resume");
    }
    Assistants.Assistant a = assistantOf(ctx, ns, requireAssistant(body));
    threads.checkInput(ns, a, r.input());
    SessionRecord session =
        threads.open(ns, a, Optional.empty(), JSON.objectNode().put("stateless", true));
    return new Sent(
        session,
        runs.submit(session, new Runs.Request(r.input(), false, InputStrategy.REJECT)),
        body);
  }

  private void statelessWait(Context ctx, String ns) {
    Sent sent = stateless(ctx, ns);
    json(ctx, 200, runs.join(sent.session(), sent.input(), WAIT));
  }

  private void statelessStream(Context ctx, String ns) {
    Sent sent = stateless(ctx, ns);
    streams.stream(ctx, sent.session(), sent.input(), RunStream.modes(sent.body()), 0);
  }

  private static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
