package dev.agentdispatch.server.metrics;

import dev.agentdispatch.store.Leadership;
import dev.agentdispatch.store.facade.Store;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.java21.instrument.binder.jdk.VirtualThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The meters of one node: a Prometheus registry scraped at {@code GET /metrics}, an OTLP registry
 * pushing the same meters when the standard {@code OTEL_*} variables ask for it, the JVM's meters,
 * and one method per thing worth counting that is not an invocation's state change (those are
 * counted from the store's record, see {@link InvocationMeters}).
 *
 * <p>Labels are bounded: names of namespaces, agents, functions, topics, models and fixed outcome
 * words, never ids.
 */
public final class ServerMeters implements AutoCloseable {
  /** The work load is read from the database at most this often, however often it is scraped. */
  static final Duration WORK_LOAD_MAX_AGE = Duration.ofSeconds(2);

  private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
  private final Optional<PrometheusMeterRegistry> prometheus;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Optional<WorkLoadGauges> workLoad = Optional.empty();

  private ServerMeters(boolean enabled, Function<String, String> env) {
    if (!enabled) {
      this.prometheus = Optional.empty();
      return;
    }
    PrometheusMeterRegistry p = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.add(p);
    this.prometheus = Optional.of(p);
    OtlpMetrics.registry(env)
        .ifPresent(otlp -> {
          registry.add(otlp);
          closeables.add(otlp::close);
        });
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    VirtualThreadMetrics virtual = new VirtualThreadMetrics();
    virtual.bindTo(registry);
    closeables.add(virtual);
  }

  /**
   * Meters exported at {@code /metrics} (and over OTLP when {@code env} configures it).
   *
   * @param env how the process environment is read ({@code System::getenv} in production)
   */
  public static ServerMeters create(Function<String, String> env) {
    return new ServerMeters(true, env);
  }

  /** Meters that record nothing and export nothing ({@code --no-metrics}). */
  public static ServerMeters disabled() {
    return new ServerMeters(false, name -> null);
  }

  /** Where every part of the node records; a no-op registry when metrics are disabled. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Starts counting invocations from the store's record and reading the work load gauges. */
  public void watch(Store store, Clock clock) {
    if (prometheus.isEmpty()) {
      return;
    }
    store.addListener(new InvocationMeters(registry));
    workLoad = Optional.of(new WorkLoadGauges(registry, store.flow(), clock, WORK_LOAD_MAX_AGE));
  }

  /** Meters of one background loop: whether this node leads it, items handled and failed passes. */
  public void watchLoop(
      String loop, Leadership leadership, LongSupplier handled, LongSupplier failures) {
    Tags tags = Tags.of("loop", loop);
    Gauge.builder("dispatch.loop.leader", leadership, l -> l.isLeader() ? 1 : 0)
        .description("1 when this node runs the loop (it leads), else 0")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("dispatch.loop.handled", handled, LongSupplier::getAsLong)
        .description("Items a background loop handled")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("dispatch.loop.failures", failures, LongSupplier::getAsLong)
        .description("Passes of a background loop that failed")
        .tags(tags)
        .register(registry);
  }

  /** The Prometheus text exposition; empty when metrics are disabled. */
  public Optional<String> scrape() {
    workLoad.ifPresent(WorkLoadGauges::refresh);
    return prometheus.map(PrometheusMeterRegistry::scrape);
  }

  /** A schedule fired (an invocation was made) or skipped a due time ({@code reason}). */
  public void scheduleFired(String namespace, String agent, Optional<String> skipped) {
    Counter.builder(skipped.isPresent() ? "dispatch.schedule.misses" : "dispatch.schedule.fires")
        .tags("namespace", namespace, "agent", agent)
        .tags(skipped.map(r -> Tags.of("reason", r)).orElse(Tags.empty()))
        .register(registry)
        .increment();
  }

  /** An event was published to {@code topic} and fanned out to {@code invocations}. */
  public void eventPublished(String namespace, String topic, int invocations) {
    Tags tags = Tags.of("namespace", namespace, "topic", topic);
    Counter.builder("dispatch.events.published").tags(tags).register(registry).increment();
    DistributionSummary.builder("dispatch.events.fanout")
        .description("Invocations one published event fanned out to")
        .tags(tags)
        .register(registry)
        .record(invocations);
  }

  /** A session input was taken with {@code strategy} and ended as {@code outcome}. */
  public void sessionInput(String namespace, String agent, String strategy, String outcome) {
    Counter.builder("dispatch.session.inputs")
        .tags("namespace", namespace, "agent", agent, "strategy", strategy, "outcome", outcome)
        .register(registry)
        .increment();
  }

  /** A push to an agent ended: {@code outcome} is {@code ok} or the error type recorded. */
  public void pushed(String namespace, String agent, String mode, String outcome) {
    Counter.builder("dispatch.push.deliveries")
        .tags("namespace", namespace, "agent", agent, "mode", mode, "outcome", outcome)
        .register(registry)
        .increment();
  }

  /** A limit refused work or a call: {@code reason} such as {@code rate_limited}. */
  public void refused(String namespace, String reason) {
    Counter.builder("dispatch.limits.refused")
        .tags("namespace", namespace, "reason", reason)
        .register(registry)
        .increment();
  }

  /** A model call was recorded in the ledger. */
  public void llmCall(LlmCallMeasure call) {
    Tags tags =
        Tags.of(
            "namespace", call.namespace(),
            "agent", call.agent(),
            "model", call.model(),
            "provider", call.provider(),
            "status", call.ok() ? "ok" : "error");
    Counter.builder("dispatch.llm.calls").tags(tags).register(registry).increment();
    Tags byModel = tags.and("status", "any");
    tokens(byModel, "input", call.inputTokens());
    tokens(byModel, "output", call.outputTokens());
    tokens(byModel, "cache_read", call.cacheReadTokens());
    tokens(byModel, "cache_write", call.cacheWriteTokens());
    Counter.builder("dispatch.llm.cost")
        .description("Cost of model calls in US dollars")
        .baseUnit("usd")
        .tags(byModel)
        .register(registry)
        .increment(call.costMicros() / 1_000_000.0);
  }

  private void tokens(Tags tags, String kind, long n) {
    if (n > 0) {
      Counter.builder("dispatch.llm.tokens")
          .tags(tags.and("kind", kind))
          .register(registry)
          .increment(n);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing meters must not stop the node's shutdown.
      }
    }
    registry.close();
  }
}
