package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.llm.LlmProvider;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.CallOutcome;
import dev.agentdispatch.server.app.llm.CallRoute;
import dev.agentdispatch.server.app.llm.CallRouter;
import dev.agentdispatch.server.tracing.ServerTracing;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM gateway (DESIGN §10): forwards a client's call to the providers of its route, in failover
 * order, and records it. The ledger admits the call before any byte goes upstream and settles it
 * exactly once afterwards, however it ended. Each provider sits behind a circuit breaker; 429, 5xx
 * and connect errors are retried on the same provider with backoff (honouring {@code Retry-After}),
 * then the next provider is tried, but only until the client has seen a byte.
 */
public final class LlmGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LlmGateway.class);

  private final CallRouter router;
  private final CallLedger ledger;
  private final GatewaySettings settings;
  private final Clock clock;
  private final ProviderBreakers breakers;
  private final Watchdog watchdog = new Watchdog();
  private final UpstreamCall upstream;
  private final ServerTracing tracing;

  /** Each call is a GenAI CLIENT span of {@code tracing}, and the trace it sends upstream. */
  public LlmGateway(
      CallRouter router,
      CallLedger ledger,
      GatewaySettings settings,
      Clock clock,
      ServerTracing tracing) {
    this.tracing = tracing;
    this.router = router;
    this.ledger = ledger;
    this.settings = settings;
    this.clock = clock;
    this.breakers = new ProviderBreakers(settings.breaker());
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(min(settings.firstByteTimeout(), Duration.ofSeconds(10)))
            // The client's own work (parsing the answer, handing its bytes to the reading thread)
            // runs on its selector thread, without a hand-off to another thread per event: the
            // call's thread blocks on the answer's stream, so nothing slow runs there.
            .executor(Runnable::run)
            .build();
    this.upstream = new UpstreamCall(http, watchdog, clock);
  }

  /**
   * Forwards {@code call} and writes the answer to {@code sink}: the provider's answer, or when
   * every provider failed the last one's error (or a 502/503/504 in the call's format).
   *
   * @throws dev.agentdispatch.server.app.ServiceException.Invalid when the body is not a JSON
   *     object or no provider serves its model; nothing was sent anywhere
   * @throws dev.agentdispatch.server.app.ServiceException.BudgetExceeded when a budget forbids it
   */
  public Forwarded forward(ProxyCall call, ResponseSink sink) {
    LlmRequest req = LlmRequest.parse(call.endpoint(), call.body());
    GatewaySpan span = GatewaySpan.start(tracing, call, req.model());
    CallRoute route;
    byte[] body;
    CallLedger.Reservation held;
    try {
      route = router.route(call.who(), call.endpoint().format(), req.model());
      body = req.upstreamBody(route);
      held = ledger.admit(call.who(), route.model(), req.estimatedInputTokens(), req.maxTokens());
    } catch (RuntimeException e) {
      span.refused(e);
      throw e;
    }
    Instant startedAt = clock.instant();
    long t0 = System.nanoTime();
    Ended ended = new Ended(route.candidates().getFirst(), AnswerScan.of(call.endpoint()));
    CallOutcome outcome;
    Optional<CallLedger.RecordedCall> recorded;
    try {
      ended = new Attempts(call, req, route, body, t0, span.traceparent()).run(sink);
    } catch (RuntimeException e) {
      ended = ended.failed("the gateway failed: " + e.getClass().getSimpleName());
      throw e;
    } finally {
      outcome = outcome(call, route, ended, startedAt, t0, req.stream());
      recorded = settle(held, outcome);
      span.end(outcome);
    }
    return new Forwarded(outcome, recorded);
  }

  /**
   * How a forwarded call ended, as recorded.
   *
   * @param outcome what the gateway saw: provider, model, usage, latency, error
   * @param recorded the ledger's record of it (its id and cost); empty if recording failed
   */
  public record Forwarded(CallOutcome outcome, Optional<CallLedger.RecordedCall> recorded) {}

  /**
   * The models a client may ask for in {@code format}: those of the providers of the default route.
   */
  public List<String> models(CallAttribution who, LlmFormat format) {
    CallRoute route = router.route(who, format, Optional.empty());
    Set<String> out = new LinkedHashSet<>();
    out.add(route.model());
    for (LlmProvider p : route.candidates()) {
      p.defaultModel().ifPresent(out::add);
      out.addAll(p.models());
    }
    return List.copyOf(out);
  }

  @Override
  public void close() {
    watchdog.close();
  }

  /** How a call ended: who answered last, what was read from the answer, what went wrong. */
  private record Ended(
      LlmProvider provider,
      AnswerScan scan,
      Optional<String> error,
      Optional<Duration> timeToFirstByte) {
    Ended(LlmProvider provider, AnswerScan scan) {
      this(provider, scan, Optional.of("no provider was tried"), Optional.empty());
    }

    Ended failed(String why) {
      return new Ended(provider, scan, Optional.of(why), timeToFirstByte);
    }
  }

  /** The tries of one call, over its route's providers in order. */
  private final class Attempts {
    private final ProxyCall call;
    private final LlmRequest req;
    private final CallRoute route;
    private final byte[] body;
    private final long deadline;
    private final Optional<String> traceparent;

    /**
     * @param spanParent the gateway's span of the call, when it is recorded: what goes upstream
     */
    Attempts(
        ProxyCall call,
        LlmRequest req,
        CallRoute route,
        byte[] body,
        long t0,
        Optional<String> spanParent) {
      this.call = call;
      this.req = req;
      this.route = route;
      this.body = body;
      this.deadline = t0 + settings.totalTimeout().toNanos();
      this.traceparent = spanParent.or(() -> traceparent(call));
    }

    Ended run(ResponseSink sink) {
      Tried.Failed last = Tried.Failed.of(Tried.Failed.Kind.SKIPPED, "no provider was tried");
      LlmProvider lastProvider = route.candidates().getFirst();
      for (LlmProvider p : route.candidates()) {
        Optional<String> key = p.apiKeyEnv().map(System::getenv).filter(k -> !k.isBlank());
        if (p.apiKeyEnv().isPresent() && key.isEmpty()) {
          log.warn(
              "provider '{}' skipped: its key variable {} is not set",
              p.name(),
              p.apiKeyEnv().get());
          last =
              Tried.Failed.of(
                  Tried.Failed.Kind.SKIPPED,
                  "provider '" + p.name() + "' has no key: set " + p.apiKeyEnv().get());
          continue;
        }
        CircuitBreaker breaker = breakers.of(p);
        for (int attempt = 1; attempt <= settings.attemptsPerProvider(); attempt++) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return answerFailure(sink, lastProvider, last);
          }
          if (!breaker.tryAcquirePermission()) {
            last =
                Tried.Failed.of(
                    Tried.Failed.Kind.SKIPPED,
                    "provider '" + p.name() + "' is unavailable (its circuit is open)");
            break;
          }
          lastProvider = p;
          AnswerScan scan = AnswerScan.of(call.endpoint());
          long t = System.nanoTime();
          Tried tried = upstream.run(request(p, key, Duration.ofNanos(left)), scan, sink);
          record(breaker, tried, System.nanoTime() - t);
          if (tried instanceof Tried.Delivered d) {
            return new Ended(p, scan, d.error(), d.timeToFirstByte());
          }
          last = (Tried.Failed) tried;
          log.debug("provider '{}' try {} failed: {}", p.name(), attempt, last.reason());
          if (!last.retryable() || attempt == settings.attemptsPerProvider()) {
            break;
          }
          int retry = attempt;
          Duration wait =
              last.retryAfter().orElseGet(() -> Backoff.exponential(settings.backoff(), retry));
          if (wait.compareTo(settings.maxRetryAfter()) > 0
              || System.nanoTime() + wait.toNanos() >= deadline) {
            break;
          }
          if (!sleep(wait)) {
            return answerFailure(sink, lastProvider, last);
          }
        }
      }
      return answerFailure(sink, lastProvider, last);
    }

    private UpstreamCall.Request request(LlmProvider p, Optional<String> key, Duration left) {
      Duration firstByte = min(settings.firstByteTimeout(), left);
      return new UpstreamCall.Request(
          uri(p),
          body,
          UpstreamHeaders.of(call.headers(), p, traceparent, key),
          call.endpoint().format(),
          req.stream(),
          firstByte,
          left);
    }

    private URI uri(LlmProvider p) {
      String base = p.baseUrl().toString();
      String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      return URI.create(trimmed + call.endpoint().path());
    }

    /**
     * Every provider failed before the client saw a byte: answer the last provider's error as it
     * was, else a gateway error in the call's format.
     */
    private Ended answerFailure(ResponseSink sink, LlmProvider provider, Tried.Failed last) {
      LlmFormat format = call.endpoint().format();
      String why =
          route.candidates().size() == 1
              ? last.reason()
              : "every provider for model '"
                  + route.model()
                  + "' failed; the last: "
                  + last.reason();
      try {
        if (last.status().isPresent() && last.body().isPresent()) {
          Map<String, String> headers = new LinkedHashMap<>();
          headers.put("Content-Type", last.contentType().orElse("application/json"));
          last.retryAfter()
              .ifPresent(d -> headers.put("Retry-After", Long.toString(d.toSeconds())));
          byte[] b = last.body().get();
          sink.start(last.status().get(), headers);
          sink.write(b, 0, b.length);
        } else {
          int status =
              switch (last.kind()) {
                case TIMEOUT -> 504;
                case SKIPPED -> 503;
                default -> 502;
              };
          byte[] b = ErrorBodies.bytes(format, status, "upstream_unavailable", why);
          sink.start(status, Map.of("Content-Type", "application/json"));
          sink.write(b, 0, b.length);
        }
      } catch (IOException e) {
        why = why + " (and the client went away)";
      }
      return new Ended(
          provider, AnswerScan.of(call.endpoint()), Optional.of(why), Optional.empty());
    }
  }

  private static void record(CircuitBreaker breaker, Tried tried, long nanos) {
    if (tried.providerFault()) {
      breaker.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFailure());
    } else {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private CallOutcome outcome(
      ProxyCall call, CallRoute route, Ended ended, Instant startedAt, long t0, boolean stream) {
    AnswerScan scan = ended.scan();
    return new CallOutcome(
        ended.provider().name(),
        scan.model().orElse(route.model()),
        call.endpoint().path(),
        scan.usage(),
        ended.error().isPresent() && scan.finishReason().isEmpty()
            ? Optional.of("error")
            : scan.finishReason(),
        ended.error(),
        startedAt,
        Duration.ofNanos(System.nanoTime() - t0),
        stream ? ended.timeToFirstByte() : Optional.empty(),
        route.variantName());
  }

  private Optional<CallLedger.RecordedCall> settle(
      CallLedger.Reservation held, CallOutcome outcome) {
    try {
      return Optional.of(ledger.settle(held, outcome));
    } catch (RuntimeException e) {
      // The answer has gone out; a ledger failure must not turn it into an error.
      log.error("recording a model call failed (provider {})", outcome.provider(), e);
      return Optional.empty();
    }
  }

  /**
   * The trace a forwarded call carries: the invocation's trace when the call is attributed to one;
   * else the client's own {@code traceparent}, passed on as it came.
   */
  private static Optional<String> traceparent(ProxyCall call) {
    if (call.who().traceId().isPresent()) {
      return Optional.of(Traceparent.of(call.who().traceId().get()));
    }
    for (Map.Entry<String, List<String>> h : call.headers().entrySet()) {
      if (h.getKey().equalsIgnoreCase("traceparent") && !h.getValue().isEmpty()) {
        String value = h.getValue().getFirst();
        return Traceparent.traceIdOf(value).map(id -> value.trim());
      }
    }
    return Optional.empty();
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** What a circuit breaker is told when a provider failed. */
  private static final class ProviderFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ProviderFailure() {
      super("provider failure", null, false, false);
    }
  }
}
