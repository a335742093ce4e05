package dev.agentdispatch.server;

import dev.agentdispatch.sdk.worker.Context;
import dev.agentdispatch.sdk.worker.Fn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/** A session agent whose behaviour each input picks by its text ({@code verb:arg}). */
public final class SessionAgent {
  public static final String NAME = "chat";

  /** Every input and every result. */
  public record Msg(String text) {}

  /** The texts of the runs that started, in order. */
  public final List<String> started = new CopyOnWriteArrayList<>();

  private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

  /** The most runs of one session ever running at once. */
  public final AtomicInteger maxActivePerSession = new AtomicInteger();

  @Fn
  public Msg turn(Context ctx, Msg in) throws InterruptedException {
    started.add(in.text());
    AtomicInteger running = active.computeIfAbsent(ctx.session().id(), k -> new AtomicInteger());
    maxActivePerSession.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      return run(ctx, in.text());
    } finally {
      running.decrementAndGet();
    }
  }

  private Msg run(Context ctx, String text) throws InterruptedException {
    String verb = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
    String arg = text.contains(":") ? text.substring(text.indexOf(':') + 1) : "";
    switch (verb) {
      case "sleep" -> Thread.sleep(Long.parseLong(arg));
      case "collect" -> { // waits up to 6 s for one steered input and answers with it
        Optional<JsonNode> steered = ctx.inputs().poll(Duration.ofSeconds(6));
        return new Msg("got:" + steered.map(j -> j.path("text").asString()).orElse("nothing"));
      }
      case "progress" -> { // records progress in the state, then runs until cancelled
        ctx.session().state().put(Map.of("progress", arg));
        while (!ctx.isCancelled()) {
          Thread.sleep(20);
        }
        return new Msg("stopped");
      }
      case "state" -> {
        return new Msg("state:" + ctx.session().state().get());
      }
      case "approve" -> {
        JsonNode answer = ctx.waitForInput(Map.of("question", "deploy " + arg + "?"));
        return new Msg("decision:" + answer.path("text").asString());
      }
      case "tokens" -> {
        for (int i = 0; i < Integer.parseInt(arg); i++) {
          ctx.emitOutput("tok" + i);
        }
      }
      case "remember" -> {
        ctx.memory().kv().put("last", arg);
        return new Msg(
            "remembered:" + ctx.memory().kv().get("last").map(JsonNode::asString).orElse("?"));
      }
      default -> {}
    }
    return new Msg("done:" + text);
  }
}
