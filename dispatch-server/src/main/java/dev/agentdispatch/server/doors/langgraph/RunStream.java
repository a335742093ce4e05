package dev.agentdispatch.server.doors.langgraph;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.invocations.InvocationService;
import dev.agentdispatch.server.app.signals.Waiters;
import dev.agentdispatch.server.app.streams.LogService;
import dev.agentdispatch.server.app.streams.LogSource;
import dev.agentdispatch.store.invocation.InvocationEvent;
import dev.agentdispatch.store.session.SessionInput;
import dev.agentdispatch.store.session.SessionRecord;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run as the platform's SSE stream: {@code metadata} first, then the run's event log ({@code
 * custom} for its output chunks, {@code messages…} for the same chunks as an AI message ({@link
 * Messages}), {@code events} for every entry, each with the entry's seq as the SSE id), then {@code
 * values}/{@code updates} when it settles, or {@code error}. A client that reconnects with {@code
 * Last-Event-ID} gets the entries after that seq.
 */
final class RunStream {
  /** The modes this door streams; others are refused before the run is sent. */
  static final Set<String> MODES =
      Set.of("values", "updates", "events", "custom", "messages", "messages-tuple");

  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Runs runs;
  private final InvocationService invocations;
  private final LogService logs;
  private final BooleanSupplier open;

  RunStream(Runs runs, InvocationService invocations, LogService logs, BooleanSupplier open) {
    this.runs = runs;
    this.invocations = invocations;
    this.logs = logs;
    this.open = open;
  }

  static List<String> modes(Body body) {
    List<String> modes = body.texts("stream_mode", List.of("values"));
    for (String m : modes) {
      if (!MODES.contains(m)) {
        throw new ServiceException.Invalid(
            "stream_mode '" + m + "' is not supported: use " + MODES);
      }
    }
    return modes;
  }

  /** Streams the run of {@code input} until it settles; {@code after} the seq already seen. */
  void stream(
      Context ctx, SessionRecord session, SessionInput input, List<String> modes, long after) {
    ctx.res().setStatus(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    ctx.res().setHeader("Content-Location", "/threads/" + session.id() + "/runs/" + input.id());
    try {
      OutputStream out = ctx.res().getOutputStream();
      ObjectNode meta = JSON.objectNode().put("run_id", input.id()).put("thread_id", session.id());
      event(out, "metadata", Optional.empty(), meta);
      Optional<SessionInput> started = Optional.empty();
      while (started.isEmpty() && open.getAsBoolean()) {
        started = runs.started(session, input, KEEP_ALIVE);
        if (started.isEmpty()) {
          write(out, ": keep-alive\n\n");
        }
      }
      if (started.isEmpty()) {
        return;
      }
      Invocation inv = runs.invocation(session, started.get()).orElseThrow();
      long from = after;
      if (from == 0 && started.get().status() == InputStatus.RESUMED) {
        from = lastSeq(logs.invocation(session.namespace(), inv.id())); // not this run's entries
      }
      Messages messages =
          new Messages(
              modes,
              Assistants.Assistant.graphId(session.agent(), session.function()),
              input.id(),
              session.id());
      follow(out, session, inv, modes, messages, from);
    } catch (IOException gone) {
      // The client went away; the run goes on, and join or a new stream reads it.
    }
  }

  private void follow(
      OutputStream out,
      SessionRecord session,
      Invocation start,
      List<String> modes,
      Messages messages,
      long after)
      throws IOException {
    String ns = session.namespace();
    LogSource<InvocationEvent> log = logs.invocation(ns, start.id());
    long cursor = after;
    long lastWrite = System.nanoTime();
    while (open.getAsBoolean()) {
      CompletableFuture<Void> grew = logs.waiters().register(log.key());
      try {
        for (InvocationEvent e : log.read(cursor, 500).entries()) {
          cursor = e.seq();
          if (entry(out, start.id(), e, modes, messages)) {
            lastWrite = System.nanoTime();
          }
        }
        Invocation inv = invocations.find(ns, start.id());
        if (Runs.settled(inv) && log.read(cursor, 1).entries().isEmpty()) {
          end(out, session, inv, modes, messages);
          return;
        }
        if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
          write(out, ": keep-alive\n\n");
          lastWrite = System.nanoTime();
        }
        Waiters.await(grew, Duration.ofSeconds(1));
      } finally {
        logs.waiters().forget(log.key(), grew);
      }
    }
  }

  private static long lastSeq(LogSource<InvocationEvent> log) {
    long seq = 0;
    while (true) {
      List<InvocationEvent> batch = log.read(seq, 500).entries();
      if (batch.isEmpty()) {
        return seq;
      }
      seq = batch.get(batch.size() - 1).seq();
    }
  }

  /** Writes one log entry in the modes that show it; whether anything was written. */
  private static boolean entry(
      OutputStream out, String runId, InvocationEvent e, List<String> modes, Messages messages)
      throws IOException {
    boolean wrote = false;
    JsonNode data = Json.tree(e.dataJson());
    if (e.type().equals("output")) {
      for (Messages.Event m : messages.chunk(runId, data, e.seq())) {
        event(out, m.name(), m.seq(), m.data());
        wrote = true;
      }
    }
    if (modes.contains("custom") && e.type().equals("output")) {
      event(out, "custom", Optional.of(e.seq()), data);
      wrote = true;
    }
    if (modes.contains("events")) {
      ObjectNode ev = JSON.objectNode();
      ev.put("event", "on_" + e.type());
      ev.put("run_id", runId);
      ev.put("name", e.type());
      ev.set("data", data);
      event(out, "events", Optional.of(e.seq()), ev);
      wrote = true;
    }
    return wrote;
  }

  private static void end(
      OutputStream out,
      SessionRecord session,
      Invocation inv,
      List<String> modes,
      Messages messages)
      throws IOException {
    for (Messages.Event m : messages.end(inv)) {
      event(out, m.name(), m.seq(), m.data());
    }
    JsonNode values = Threads.values(Optional.of(inv));
    if (inv.status().terminal() && inv.status() != InvocationStatus.COMPLETED) {
      event(out, "error", Optional.empty(), Threads.error(inv));
      return;
    }
    if (modes.contains("updates")) {
      ObjectNode update = JSON.objectNode();
      if (inv.status() == InvocationStatus.WAITING_FOR_INPUT) {
        update.set("__interrupt__", values.get("__interrupt__"));
      } else {
        update.set(Assistants.Assistant.graphId(session.agent(), session.function()), values);
      }
      event(out, "updates", Optional.empty(), update);
    }
    if (modes.contains("values")) {
      event(out, "values", Optional.empty(), values);
    }
  }

  private static void event(OutputStream out, String name, Optional<Long> id, JsonNode data)
      throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("event: ").append(name).append('\n');
    id.ifPresent(i -> b.append("id: ").append(i).append('\n'));
    b.append("data: ").append(Json.write(data)).append("\n\n");
    write(out, b.toString());
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
