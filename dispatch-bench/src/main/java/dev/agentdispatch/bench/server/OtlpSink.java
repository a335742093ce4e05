package dev.agentdispatch.bench.server;

import com.sun.net.httpserver.HttpServer;
import dev.agentdispatch.bench.BenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A collector stand-in for the tracing side of the {@code observability} scenario: it takes
 * OTLP/HTTP exports ({@code POST /v1/traces}, {@code /v1/metrics}, {@code /v1/logs}) on loopback,
 * counts the requests and bytes, and answers with an empty (valid) protobuf response. Decoding is
 * left out on purpose: the bench measures what exporting costs the server, not what a collector
 * does.
 */
public final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private OtlpSink(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port. */
  public static OtlpSink start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      OtlpSink sink = new OtlpSink(http);
      http.createContext(
          "/",
          exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
              sink.bytes.addAndGet(in.transferTo(OutputStream.nullOutputStream()));
            }
            sink.requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      http.start();
      return sink;
    } catch (IOException e) {
      throw new BenchException("cannot start the OTLP sink: " + e.getMessage(), e);
    }
  }

  /** The base URL to give as {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Export requests received so far. */
  public long requests() {
    return requests.get();
  }

  /** Request body bytes received so far. */
  public long bytes() {
    return bytes.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
