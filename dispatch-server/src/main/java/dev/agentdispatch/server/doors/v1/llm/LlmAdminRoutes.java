package dev.agentdispatch.server.doors.v1.llm;

import static dev.agentdispatch.core.auth.Permission.ADMINISTER;
import static dev.agentdispatch.core.auth.Permission.READ;

import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.routing.ExperimentRequest;
import dev.agentdispatch.server.app.llm.routing.LlmChecks;
import dev.agentdispatch.server.app.llm.routing.ProviderRequest;
import dev.agentdispatch.server.app.llm.routing.RoutingServices;
import dev.agentdispatch.server.doors.http.Bodies;
import dev.agentdispatch.server.doors.http.Guard;
import dev.agentdispatch.server.doors.v1.wire.PageView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/namespaces/{ns}/llm/{providers,aliases,experiments}} and {@code /llm/route}: the LLM
 * gateway's routing configuration, a thin mapping onto {@link RoutingServices}. Changes need the
 * admin role: a provider decides where calls go and which of the server's keys they carry.
 */
public final class LlmAdminRoutes {
  private static final String BASE = "/v1/namespaces/{ns}/llm";

  private LlmAdminRoutes() {}

  public static void register(RoutesConfig routes, Guard guard, RoutingServices llm) {
    providers(routes, guard, llm);
    aliases(routes, guard, llm);
    experiments(routes, guard, llm);
    routes.get(
        BASE + "/route",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(
                    RouteView.of(
                        llm.router()
                            .route(
                                new CallAttribution(
                                    ns,
                                    Guard.param(ctx, "agent"),
                                    Guard.param(ctx, "trace_id"),
                                    Optional.empty(),
                                    Guard.param(ctx, "session_id")),
                                LlmChecks.format(ctx.queryParam("format"), "format"),
                                Guard.param(ctx, "model"))))));
  }

  private static void providers(RoutesConfig routes, Guard guard, RoutingServices llm) {
    String path = BASE + "/providers";
    routes.put(
        path + "/{name}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              ProviderBody b = Bodies.read(ctx, ProviderBody.class);
              ProviderRequest request =
                  ProviderRequest.of(
                      b.format(),
                      b.baseUrl(),
                      b.apiKeyEnv(),
                      b.models(),
                      b.defaultModel(),
                      b.priority(),
                      b.apiKey() != null);
              ctx.json(ProviderView.of(llm.providers().put(ns, ctx.pathParam("name"), request)));
            }));
    routes.get(
        path,
        guard.with(
            READ,
            (ctx, ns) -> ctx.json(PageView.Items.of(llm.providers().list(ns), ProviderView::of))));
    routes.get(
        path + "/{name}",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(ProviderView.of(llm.providers().get(ns, ctx.pathParam("name"))))));
    routes.delete(
        path + "/{name}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              llm.providers().delete(ns, ctx.pathParam("name"));
              ctx.status(204);
            }));
  }

  private static void aliases(RoutesConfig routes, Guard guard, RoutingServices llm) {
    String path = BASE + "/aliases";
    routes.put(
        path + "/{alias}",
        guard.with(
            ADMINISTER,
            (ctx, ns) ->
                ctx.json(
                    AliasView.of(
                        llm.aliases()
                            .put(
                                ns,
                                ctx.pathParam("alias"),
                                Bodies.read(ctx, AliasBody.class).model())))));
    routes.get(
        path,
        guard.with(
            READ, (ctx, ns) -> ctx.json(PageView.Items.of(llm.aliases().list(ns), AliasView::of))));
    routes.get(
        path + "/{alias}",
        guard.with(
            READ,
            (ctx, ns) -> ctx.json(AliasView.of(llm.aliases().get(ns, ctx.pathParam("alias"))))));
    routes.delete(
        path + "/{alias}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              llm.aliases().delete(ns, ctx.pathParam("alias"));
              ctx.status(204);
            }));
  }

  private static void experiments(RoutesConfig routes, Guard guard, RoutingServices llm) {
    String path = BASE + "/experiments";
    routes.put(
        path + "/{name}",
        guard.with(
            ADMINISTER,
            (ctx, ns) ->
                ctx.json(
                    ExperimentView.of(
                        llm.experiments().put(ns, ctx.pathParam("name"), experiment(ctx))))));
    routes.get(
        path,
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(PageView.Items.of(llm.experiments().list(ns), ExperimentView::of))));
    routes.get(
        path + "/{name}",
        guard.with(
            READ,
            (ctx, ns) ->
                ctx.json(ExperimentView.of(llm.experiments().get(ns, ctx.pathParam("name"))))));
    routes.delete(
        path + "/{name}",
        guard.with(
            ADMINISTER,
            (ctx, ns) -> {
              llm.experiments().delete(ns, ctx.pathParam("name"));
              ctx.status(204);
            }));
  }

  private static ExperimentRequest experiment(Context ctx) {
    ExperimentBody b = Bodies.read(ctx, ExperimentBody.class);
    List<ExperimentRequest.Variant> variants =
        b.variants() == null
            ? null
            : b.variants().stream()
                .map(v ->
                    v == null
                        ? null
                        : new ExperimentRequest.Variant(
                            v.name(), v.weight(), v.model(), v.systemPrompt()))
                .toList();
    return ExperimentRequest.of(b.agent(), b.stickyBy(), variants, b.enabled());
  }
}
