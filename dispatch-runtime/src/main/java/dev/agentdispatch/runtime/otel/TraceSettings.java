package dev.agentdispatch.runtime.otel;

import io.opentelemetry.api.trace.Tracer;

/** What every trace of one {@link OtelSessionTelemetry} shares. */
record TraceSettings(
    Tracer tracer,
    UsageMetrics metrics,
    String providerName,
    boolean includeEventDetail,
    OpenSpans open) {}
