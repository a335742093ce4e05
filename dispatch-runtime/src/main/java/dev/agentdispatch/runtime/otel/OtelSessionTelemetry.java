package dev.agentdispatch.runtime.otel;

import dev.agentdispatch.runtime.internal.Checks;
import dev.agentdispatch.runtime.telemetry.SessionIdentity;
import dev.agentdispatch.runtime.telemetry.SessionTelemetry;
import dev.agentdispatch.runtime.telemetry.SessionTrace;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;
import java.util.Optional;

/**
 * The runtime's OpenTelemetry producer: for each session a span {@code invoke_agent {role}}, with a
 * child {@code chat {model}} for each turn and {@code execute_tool {tool}} for each tool call, and
 * the usage metrics of each priced turn (as {@link OpenTelemetryUsageSink} records them). Give it
 * to {@link dev.agentdispatch.runtime.session.AgentSession.Builder#telemetry}, or let {@link
 * dev.agentdispatch.runtime.session.AgentSession.Builder#openTelemetry} build the default one.
 *
 * <p>A session span whose session never ends (the process exits first) is ended by a JVM shutdown
 * hook with {@code error.type=abrupt_termination}. Shutdown hooks run in no fixed order, so an SDK
 * that exports in batches should be flushed after that: pass its flush as {@link
 * Builder#exitFlush}, or call {@link #endOpenSpans()} yourself before shutting the SDK down.
 */
public final class OtelSessionTelemetry implements SessionTelemetry {

  private final TraceSettings settings;
  private final Optional<Runnable> exitFlush;

  private OtelSessionTelemetry(Builder b) {
    this.settings =
        new TraceSettings(
            tracer(b.openTelemetry),
            new UsageMetrics(meter(b.openTelemetry)),
            b.providerName,
            b.includeEventDetail,
            new OpenSpans());
    this.exitFlush = b.exitFlush;
    ExitHook.track(settings.open(), exitFlush);
  }

  /** The defaults: provider name {@code techrevati}, no event detail, no exit flush. */
  public static OtelSessionTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** A producer with options; {@link Builder#build()} makes it. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  @Override
  public SessionTrace open(SessionIdentity identity) {
    return new OtelSessionTrace(settings, identity);
  }

  /**
   * Ends every span of this telemetry that is still open with status ERROR and {@code
   * error.type=abrupt_termination}: for an orderly shutdown of your own, before the SDK's.
   */
  public void endOpenSpans() {
    settings.open().abandonAll(OtelAttributes.ERROR_ABRUPT_TERMINATION);
  }

  /** How many of this telemetry's spans are open (sessions, turns, tool calls). */
  public int openSpanCount() {
    return settings.open().size();
  }

  static Tracer tracer(OpenTelemetry openTelemetry) {
    return openTelemetry.getTracer(OtelAttributes.INSTRUMENTATION_SCOPE);
  }

  static Meter meter(OpenTelemetry openTelemetry) {
    return openTelemetry.getMeter(OtelAttributes.INSTRUMENTATION_SCOPE);
  }

  /** Options of the producer. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private String providerName = OtelAttributes.DEFAULT_PROVIDER_NAME;
    private boolean includeEventDetail;
    private Optional<Runnable> exitFlush = Optional.empty();

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry is null");
    }

    /**
     * The {@code gen_ai.provider.name} of spans and metrics when the session has no provider of its
     * own ({@code initialProvider}, recovery's switches); default {@code techrevati}.
     */
    public Builder providerName(String v) {
      providerName = Checks.nonBlank(v, "provider_name");
      return this;
    }

    /**
     * Copies event details ({@code techrevati.detail}, {@code agent.detail}) onto spans and uses
     * them as error descriptions. Off by default: details may quote guardrail matches.
     */
    public Builder includeEventDetail(boolean v) {
      includeEventDetail = v;
      return this;
    }

    /** Runs after the shutdown hook ended the open spans, e.g. the SDK's span processor flush. */
    public Builder exitFlush(Runnable v) {
      exitFlush = Optional.of(Objects.requireNonNull(v, "exitFlush is null"));
      return this;
    }

    /** The producer; it also registers with the JVM shutdown hook that ends open spans. */
    public OtelSessionTelemetry build() {
      return new OtelSessionTelemetry(this);
    }
  }
}
