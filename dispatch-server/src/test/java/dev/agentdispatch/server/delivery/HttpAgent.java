package dev.agentdispatch.server.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.agentdispatch.server.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;

/**
 * An HTTP push agent as the server sees it: a real JDK HTTP(S) server on 127.0.0.1 answering each
 * POST with what {@link Handler} returns, and recording what it was sent.
 */
final class HttpAgent implements AutoCloseable {
  /** One request as the agent received it. */
  record Received(JsonNode body, com.sun.net.httpserver.Headers headers) {}

  /** An answer: status and raw body. */
  record Answer(int status, String body) {
    static Answer ok(String json) {
      return new Answer(200, json);
    }
  }

  /** What the agent does with one push. */
  interface Handler {
    Answer handle(Received request) throws InterruptedException;
  }

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final HttpServer server;

  private HttpAgent(HttpServer server, Handler handler) {
    this.server = server;
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/invoke", exchange -> serve(exchange, handler));
  }

  static HttpAgent start(Handler handler) {
    try {
      return started(
          new HttpAgent(
              HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
              handler));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS agent with {@code tls}'s certificate that requires a client certificate. */
  static HttpAgent startTls(Handler handler, SSLContext tls) {
    try {
      HttpsServer https =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      https.setHttpsConfigurator(
          new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
              params.setNeedClientAuth(true);
            }
          });
      return started(new HttpAgent(https, handler));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpAgent started(HttpAgent agent) {
    agent.server.start();
    return agent;
  }

  String url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/invoke";
  }

  private void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      JsonNode body =
          TestServer.JSON.readTree(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Received request = new Received(body, exchange.getRequestHeaders());
      received.add(request);
      Answer answer;
      try {
        answer = handler.handle(request);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The server gave up on the push (a cancel or its deadline): nobody is listening any more.
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
