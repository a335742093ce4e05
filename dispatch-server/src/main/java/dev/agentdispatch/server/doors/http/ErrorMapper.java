package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.core.invocation.IllegalTransitionException;
import dev.agentdispatch.core.task.IllegalTaskTransitionException;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.signals.Parking;
import dev.agentdispatch.store.ConflictException;
import dev.agentdispatch.store.LostRaceException;
import dev.agentdispatch.store.StoreException;
import dev.agentdispatch.store.StoreUnavailableException;
import dev.agentdispatch.store.invocation.BatchIdempotencyConflictException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every exception to one JSON error body, in one place (STYLE habit 8). */
public final class ErrorMapper {
  /** When a 503 tells the client to come back: soon, the causes are brief. */
  private static final String RETRY_AFTER_SECONDS = "1";

  /** The status of a request whose caller hung up before its answer. */
  private static final int CALLER_GONE = 499;

  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private final List<HttpDoor> doors;

  private ErrorMapper(List<HttpDoor> doors) {
    this.doors = List.copyOf(doors);
  }

  /**
   * Maps every exception of every door on one server; each error takes the shape of the door whose
   * path it is on (the native shape elsewhere).
   */
  public static void install(JavalinConfig config, List<HttpDoor> doors) {
    new ErrorMapper(doors).install(config);
  }

  private void install(JavalinConfig config) {
    // What Jetty refuses before a route runs (bad URI, 414, 431, ambiguous paths) takes the same
    // shapes.
    config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors(this::shape)));
    config.routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e));
    config.routes.exception(
        ServiceException.class,
        (e, ctx) -> {
          if (e instanceof ServiceException.BudgetExceeded b) {
            ctx.header("Retry-After", String.valueOf(secondsUntil(b.resetsAt())));
          }
          if (e instanceof ServiceException.RateLimited r) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, ceilSeconds(r.retryAfter()))));
          }
          respond(ctx, of(e));
        });
    config.routes.exception(
        IllegalTransitionException.class,
        (e, ctx) ->
            respond(
                ctx,
                ApiException.conflict("illegal_transition", e.getMessage(), Optional.empty())));
    config.routes.exception(
        IllegalTaskTransitionException.class,
        (e, ctx) ->
            respond(
                ctx,
                ApiException.conflict("illegal_transition", e.getMessage(), Optional.empty())));
    config.routes.exception(
        IllegalArgumentException.class,
        (e, ctx) -> respond(ctx, ApiException.badRequest(e.getMessage())));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) ->
            respond(
                ctx,
                new ApiException(
                    e.getStatus(), codeFor(e.getStatus()), e.getMessage(), Optional.empty())));
    // Nobody to answer: the status (nginx's "client closed request") is for the request metrics.
    config.routes.exception(Parking.CallerGone.class, (e, ctx) -> ctx.status(CALLER_GONE));
    config.routes.exception(StoreException.class, (e, ctx) -> respond(ctx, storeError(ctx, e)));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
          respond(
              ctx,
              new ApiException(
                  500,
                  "internal",
                  "internal error: " + e.getClass().getSimpleName(),
                  Optional.empty()));
        });
    config.routes.error(
        404,
        "*",
        ctx -> {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            respond(ctx, ApiException.notFound("no route for " + ctx.method() + " " + ctx.path()));
          }
        });
    config.routes.error(
        405,
        "*",
        ctx -> {
          // A door that refuses a method itself says why (the LangGraph door's assistant
          // changes); only a refusal with no body of its own gets this one.
          if (ctx.result() == null || ctx.result().isEmpty()) {
            respond(
                ctx,
                new ApiException(
                    405,
                    "method_not_allowed",
                    ctx.method() + " is not allowed on " + ctx.path(),
                    Optional.empty()));
          }
        });
    config.routes.error(
        413,
        "*",
        ctx -> {
          // Error handlers run after exception mappers: a service's own 413, which names the
          // field and its limit, is kept; only a refusal with no body of ours gets this one.
          if (ctx.result() == null || ctx.result().isEmpty()) {
            respond(ctx, ApiException.tooLarge("request body is larger than the server accepts"));
          }
        });
  }

  /**
   * The HTTP form of a service's refusal: one status per kind, checked complete by the compiler.
   */
  public static ApiException of(ServiceException e) {
    return switch (e) {
      case ServiceException.Invalid x -> ApiException.badRequest(x.getMessage());
      case ServiceException.Unprocessable x ->
          ApiException.unprocessable(x.getMessage(), x.details());
      case ServiceException.TooLarge x -> ApiException.tooLarge(x.getMessage());
      case ServiceException.NotFound x -> ApiException.notFound(x.getMessage());
      case ServiceException.Conflict x ->
          ApiException.conflict(x.code(), x.getMessage(), x.details());
      case ServiceException.Unauthenticated x -> ApiException.unauthorized(x.getMessage());
      case ServiceException.Forbidden x -> ApiException.forbidden(x.getMessage());
      case ServiceException.Unavailable x -> ApiException.unavailable(x.getMessage());
      case ServiceException.RateLimited x ->
          new ApiException(
              429,
              "rate_limited",
              x.getMessage(),
              Optional.of(Map.of("retry_after_ms", x.retryAfter().toMillis())));
      case ServiceException.BudgetExceeded x ->
          new ApiException(
              429,
              "budget_exceeded",
              x.getMessage(),
              Optional.of(Map.of("resets_at", x.resetsAt().toString())));
    };
  }

  private static long ceilSeconds(Duration d) {
    return (d.toMillis() + 999) / 1000;
  }

  /** Retry-After of a refused model call: when its budget resets (at least a second away). */
  private static long secondsUntil(Instant resetsAt) {
    return Math.max(1, Duration.between(Instant.now(), resetsAt).toSeconds());
  }

  private static ApiException storeError(Context ctx, StoreException e) {
    return switch (e) {
      case StoreUnavailableException u when u.overload() -> {
        log.debug("overloaded on {} {}: {}", ctx.method(), ctx.path(), u.getMessage());
        yield new ApiException(
            503,
            "overloaded",
            "the server has more work waiting than it takes; retry after the Retry-After delay",
            Optional.empty());
      }
      case StoreUnavailableException u -> {
        // The cause (SQL text, hosts, file paths) is the operator's to read, not the caller's.
        log.error("store failure on {} {}", ctx.method(), ctx.path(), u);
        yield ApiException.unavailable(
            "the database is unavailable right now; retry after the Retry-After delay");
      }
      // Answered 400 since sessions began (the client is told to send an input instead); kept for
      // clients.
      case ConflictException c when c.kind() == ConflictException.Kind.SESSION_ID_TAKEN ->
          ApiException.badRequest(c.getMessage());
      case BatchIdempotencyConflictException b ->
          ApiException.conflict(
              b.kind().code(),
              b.getMessage(),
              Optional.of(Map.of("index", b.index(), "invocation_id", b.existing().id())));
      case ConflictException c ->
          ApiException.conflict(c.kind().code(), c.getMessage(), Optional.empty());
      // Contention, not a conflict of the caller's making: the same request succeeds when sent
      // again.
      case LostRaceException r ->
          new ApiException(503, "lost_race", r.getMessage(), Optional.empty());
    };
  }

  private void respond(Context ctx, ApiException e) {
    if (e.status() == 503) {
      ctx.header("Retry-After", RETRY_AFTER_SECONDS); // overload and shutdown are answered at once
    }
    if (e.code().equals("budget_exceeded")) {
      // Provider client libraries retry a 429 unless told not to; a spent budget will not recover.
      ctx.header("x-should-retry", "false");
    }
    ctx.status(e.status())
        .contentType("application/json")
        .result(Json.write(shape(ctx.path()).body(e)));
  }

  private ErrorShape shape(String path) {
    for (HttpDoor door : doors) {
      if (door.pathPrefixes().stream().anyMatch(path::startsWith)) {
        return door.errorShape(path);
      }
    }
    return ErrorShape.NATIVE;
  }

  static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 431 -> "headers_too_large";
      default -> "http_" + status;
    };
  }
}
