package dev.agentdispatch.server.doors.v1.tasks;

import dev.agentdispatch.server.app.tasks.TrackerWebhooks;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/namespaces/{ns}/integrations/{github|gitea}/webhook}: the trackers' deliveries.
 * No API key: a tracker cannot send one; the HMAC signature under the namespace's secret is the
 * authentication ({@link TrackerWebhooks}), a missing or wrong one is a 401.
 */
public final class WebhookRoutes {
  private WebhookRoutes() {}

  public static void register(RoutesConfig routes, TrackerWebhooks webhooks) {
    routes.post(
        "/v1/namespaces/{ns}/integrations/github/webhook",
        ctx ->
            answer(
                ctx,
                webhooks.receive(
                    ctx.pathParam("ns"),
                    new TrackerWebhooks.Delivery(
                        TrackerWebhooks.Source.GITHUB,
                        header(ctx, "X-GitHub-Event"),
                        header(ctx, "X-GitHub-Delivery"),
                        header(ctx, "X-Hub-Signature-256"),
                        ctx.bodyAsBytes()))));
    routes.post(
        "/v1/namespaces/{ns}/integrations/gitea/webhook",
        ctx ->
            answer(
                ctx,
                webhooks.receive(
                    ctx.pathParam("ns"),
                    new TrackerWebhooks.Delivery(
                        TrackerWebhooks.Source.GITEA,
                        header(ctx, "X-Gitea-Event"),
                        header(ctx, "X-Gitea-Delivery"),
                        header(ctx, "X-Gitea-Signature"),
                        ctx.bodyAsBytes()))));
  }

  private static Optional<String> header(Context ctx, String name) {
    return Optional.ofNullable(ctx.header(name));
  }

  private static void answer(Context ctx, TrackerWebhooks.Received r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("topic", r.topic());
    out.put("event_id", r.eventId());
    out.put("deduplicated", r.deduplicated());
    r.taskId().ifPresent(id -> out.put("task_id", id));
    r.dryRunType().ifPresent(t -> out.put("dry_run", Map.of("task_type", t)));
    ctx.status(r.deduplicated() ? 200 : 202).json(out);
  }
}
