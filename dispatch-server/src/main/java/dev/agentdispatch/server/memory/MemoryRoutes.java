package dev.agentdispatch.server.memory;

import static dev.agentdispatch.core.auth.Permission.INVOKE;
import static dev.agentdispatch.core.auth.Permission.READ;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.agentdispatch.server.api.ApiException;
import dev.agentdispatch.server.api.Bodies;
import dev.agentdispatch.server.api.Guard;
import dev.agentdispatch.store.Page;
import dev.agentdispatch.store.memory.KvEntry;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/namespaces/{ns}/agents/{agent}/kv}: an agent's long-term memory. Keys may contain {@code /}
 * (e.g. {@code user/42/profile}), so prefixes list a subtree.
 */
public final class MemoryRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/agents/{agent}/kv";

  private MemoryRoutes() {}

  /** One entry; {@code value} is the JSON stored. */
  public record EntryView(String key, @JsonRawValue String value, Instant expiresAt, Instant createdAt,
      Instant updatedAt) {
    static EntryView of(KvEntry e) {
      return new EntryView(e.key(), e.valueJson(), e.expiresAt().orElse(null), e.createdAt(), e.updatedAt());
    }
  }

  public static void register(RoutesConfig routes, Guard guard, MemoryService memory) {
    routes.put(BASE + "/<key>", guard.with(INVOKE, (ctx, ns) -> ctx.json(EntryView.of(memory.put(ns,
        ctx.pathParam("agent"), ctx.pathParam("key"), Bodies.read(ctx, MemoryService.PutBody.class))))));
    routes.get(BASE + "/<key>", guard.with(READ, (ctx, ns) ->
        ctx.json(EntryView.of(memory.get(ns, ctx.pathParam("agent"), ctx.pathParam("key"))))));
    routes.delete(BASE + "/<key>", guard.with(INVOKE, (ctx, ns) -> {
      memory.delete(ns, ctx.pathParam("agent"), ctx.pathParam("key"));
      ctx.status(204);
    }));
    routes.get(BASE, guard.with(READ, (ctx, ns) -> {
      int limit = Guard.intParam(ctx, "limit", 100);
      if (limit < 1 || limit > 1000) {
        throw ApiException.badRequest("limit must be between 1 and 1000, got " + limit);
      }
      String prefix = Optional.ofNullable(ctx.queryParam("prefix")).orElse("");
      Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isEmpty());
      Page<KvEntry> page = memory.list(ns, ctx.pathParam("agent"), prefix, limit, cursor);
      Map<String, Object> body = new HashMap<>();
      body.put("items", page.items().stream().map(EntryView::of).toList());
      body.put("next_cursor", page.nextCursor().orElse(null));
      ctx.json(body);
    }));
  }
}
