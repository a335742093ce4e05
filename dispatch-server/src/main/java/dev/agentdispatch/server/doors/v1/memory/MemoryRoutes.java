package dev.agentdispatch.server.doors.v1.memory;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.server.app.memory.MemoryService;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import dev.agentdispatch.store.memory.KvEntry;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/namespaces/{ns}/agents/{agent}/kv}: an agent's long-term memory. Keys may contain
 * {@code /} (e.g. {@code user/42/profile}), so prefixes list a subtree.
 */
public final class MemoryRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/agents/{agent}/kv";

  private MemoryRoutes() {}

  /** One entry; {@code value} is the JSON stored. */
  public record EntryView(
      String key,
      @JsonRawValue String value,
      Instant expiresAt,
      Instant createdAt,
      Instant updatedAt) {
    static EntryView of(KvEntry e) {
      return new EntryView(
          e.key(), e.valueJson(), e.expiresAt().orElse(null), e.createdAt(), e.updatedAt());
    }
  }

  /** Body of {@code PUT /agents/{agent}/kv/{key}}. */
  public record PutBody(JsonNode value, Long ttlSeconds) {}

  private static MemoryService.Put put(PutBody b) {
    return new MemoryService.Put(b.value(), Optional.ofNullable(b.ttlSeconds()));
  }

  public static void register(RoutesConfig routes, Guard guard, MemoryService memory) {
    routes.put(
        BASE + "/<key>",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              Guard.requireAgent(ctx, ctx.pathParam("agent"));
              ctx.json(
                  EntryView.of(
                      memory.put(
                          ns,
                          ctx.pathParam("agent"),
                          ctx.pathParam("key"),
                          put(Bodies.read(ctx, PutBody.class)))));
            }));
    routes.get(
        BASE + "/<key>",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    EntryView.of(memory.get(ns, ctx.pathParam("agent"), ctx.pathParam("key"))))));
    routes.delete(
        BASE + "/<key>",
        guard.with(
            INVOKE,
            (ctx, ns) -> {
              Guard.requireAgent(ctx, ctx.pathParam("agent"));
              memory.delete(ns, ctx.pathParam("agent"), ctx.pathParam("key"));
              ctx.status(204);
            }));
    routes.get(
        BASE,
        guard.with(
            READ,
            (ctx, ns) -> {
              int limit = Guard.intParam(ctx, "limit", 100);
              String prefix = Optional.ofNullable(ctx.queryParam("prefix")).orElse("");
              Optional<String> cursor =
                  Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isEmpty());
              ctx.json(
                  PageView.of(
                      memory.list(ns, ctx.pathParam("agent"), prefix, limit, cursor),
                      EntryView::of));
            }));
  }
}
