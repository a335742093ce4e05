package dev.agentdispatch.server.tracing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on loopback for tests: it decodes every {@code POST /v1/traces}
 * (protobuf, gzipped or not) into {@link Received} spans, and answers as a collector does.
 */
public final class OtlpReceiver implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer http;
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  /**
   * One exported span, flattened.
   *
   * @param parentSpanId empty for a root
   * @param attributes every attribute, its value as text
   * @param service the {@code service.name} of the resource it came with
   * @param events the names of its events
   */
  public record Received(
      String name,
      String traceId,
      String spanId,
      String parentSpanId,
      String kind,
      Map<String, String> attributes,
      String statusCode,
      long startNanos,
      long endNanos,
      String service,
      List<String> events,
      List<String> linkedSpanIds) {
    public String attr(String key) {
      return attributes.getOrDefault(key, "");
    }
  }

  private OtlpReceiver(HttpServer http) {
    this.http = http;
  }

  /** A receiver on a free loopback port, started. */
  public static OtlpReceiver start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      OtlpReceiver receiver = new OtlpReceiver(http);
      http.createContext("/v1/traces", receiver::handle);
      http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      http.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL exporters are pointed at ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
  public String endpoint() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  /** The {@code OTEL_*} variables that make a server export every span here. */
  public Map<String, String> env() {
    return Map.of(
        "OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
        "OTEL_EXPORTER_OTLP_ENDPOINT", endpoint(),
        "OTEL_TRACES_SAMPLER", "always_on",
        "OTEL_BSP_SCHEDULE_DELAY", "50");
  }

  /** Every span received so far. */
  public List<Received> spans() {
    return List.copyOf(spans);
  }

  /** The spans received so far in OTel trace {@code traceId}. */
  public List<Received> trace(String traceId) {
    return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  /** The span with id {@code spanId}, if received. */
  public Optional<Received> span(String spanId) {
    return spans.stream().filter(s -> s.spanId().equals(spanId)).findFirst();
  }

  /** How many export requests came. */
  public int requests() {
    return contentTypes.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body.readAllBytes());
      for (ResourceSpans rs : request.getResourceSpansList()) {
        String service = attributes(rs.getResource()).getOrDefault("service.name", "");
        for (ScopeSpans ss : rs.getScopeSpansList()) {
          ss.getSpansList().forEach(s -> spans.add(received(s, service)));
        }
      }
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private static Received received(io.opentelemetry.proto.trace.v1.Span s, String service) {
    Map<String, String> attributes = new LinkedHashMap<>();
    s.getAttributesList().forEach(kv -> attributes.put(kv.getKey(), text(kv.getValue())));
    return new Received(
        s.getName(),
        HEX.formatHex(s.getTraceId().toByteArray()),
        HEX.formatHex(s.getSpanId().toByteArray()),
        HEX.formatHex(s.getParentSpanId().toByteArray()),
        s.getKind().name(),
        attributes,
        s.getStatus().getCode().name(),
        s.getStartTimeUnixNano(),
        s.getEndTimeUnixNano(),
        service,
        s.getEventsList().stream().map(e -> e.getName()).toList(),
        s.getLinksList().stream().map(l -> HEX.formatHex(l.getSpanId().toByteArray())).toList());
  }

  private static Map<String, String> attributes(Resource resource) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : resource.getAttributesList()) {
      out.put(kv.getKey(), text(kv.getValue()));
    }
    return out;
  }

  private static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case INT_VALUE -> Long.toString(v.getIntValue());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      default -> v.toString();
    };
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
