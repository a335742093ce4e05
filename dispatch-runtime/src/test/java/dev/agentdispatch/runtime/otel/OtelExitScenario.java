package dev.agentdispatch.runtime.otel;

import dev.agentdispatch.runtime.session.AgentSession;
import dev.agentdispatch.runtime.session.Session;
import dev.agentdispatch.runtime.session.TurnOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Run by {@link OtelExitHookTest} in a JVM of its own: a session whose tool exits the process
 * mid-call. Each exported span is printed as {@code SPAN name|status|error.type}.
 */
public final class OtelExitScenario {
  private OtelExitScenario() {}

  public static void main(String[] args) {
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(new PrintingExporter()))
                    .build())
            .build();
    Session session = AgentSession.builder("ops", "release").openTelemetry(sdk).build().session();
    session.runTurn(ctx -> "go", TurnOptions.model("model-a"));
    session.runTool(
        "deploy",
        hooks -> {
          // A collection first: the exit hook must still know the session's open spans, though
          // nothing but the session references them (it once tracked an object nothing did).
          System.gc();
          System.exit(0); // the process ends with the session and this tool still open
          return null;
        });
  }

  private static final class PrintingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      for (SpanData s : spans) {
        System.out.println(
            "SPAN "
                + s.getName()
                + "|"
                + s.getStatus().getStatusCode()
                + "|"
                + s.getAttributes().get(AttributeKey.stringKey("error.type")));
      }
      System.out.flush();
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
