package dev.agentdispatch.server.doors.http;

import io.javalin.http.Context;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Makes the caller's span, named by a W3C {@code traceparent} header, the current OpenTelemetry
 * context while a request is handled, so the services that admit work continue the caller's trace
 * (see {@code tracing.Admission}). Like {@link RequestMdc}, it relies on Javalin handling a request
 * on one thread from its before-matched handlers to its after handlers. Costs one header lookup
 * when no {@code traceparent} came, and works whether this node exports spans or not.
 */
final class IncomingTrace {
  private static final String SCOPE = IncomingTrace.class.getName() + ".scope";

  private static final TextMapGetter<Context> HEADERS =
      new TextMapGetter<>() {
        @Override
        public String get(Context ctx, String key) {
          return ctx == null ? null : ctx.header(key);
        }
      };

  private IncomingTrace() {}

  /** Registers the two handlers on every door's routes. */
  static void install(io.javalin.config.RoutesConfig routes) {
    routes.beforeMatched(IncomingTrace::open);
    routes.after(IncomingTrace::close);
  }

  private static void open(Context ctx) {
    if (ctx.header("traceparent") == null) {
      return;
    }
    io.opentelemetry.context.Context caller =
        W3CTraceContextPropagator.getInstance()
            .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
    ctx.attribute(SCOPE, caller.makeCurrent());
  }

  private static void close(Context ctx) {
    Scope scope = ctx.attribute(SCOPE);
    if (scope != null) {
      scope.close();
    }
  }
}
