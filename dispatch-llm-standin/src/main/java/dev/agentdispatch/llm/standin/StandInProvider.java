package dev.agentdispatch.llm.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in model provider on a loopback port: OpenAI's {@code /v1/chat/completions}, {@code
 * /v1/responses}, {@code /v1/embeddings} and {@code /v1/models}, and Anthropic's {@code
 * /v1/messages}, streaming included. Answers are deterministic ({@code "echo: <last message>"}, or
 * a call of the first tool offered), and usage counts words, so tests can predict it exactly.
 *
 * <p>Faults are scripted per request ({@link #enqueue}): each request takes the next queued fault,
 * if any. Every request is counted per path and the last one is kept, so tests can check what the
 * caller sent upstream.
 */
public final class StandInProvider implements AutoCloseable {
  /** The models {@code GET /v1/models} lists. */
  public static final List<String> MODELS = List.of("standin-small", "standin-large");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SSE = "text/event-stream";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicReference<RecordedRequest> last = new AtomicReference<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile int cachedTokens;

  private StandInProvider(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a stand-in on a free loopback port, one virtual thread per request. */
  public static StandInProvider start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
      StandInProvider p = new StandInProvider(server, executor);
      server.setExecutor(executor);
      server.createContext("/", p::handle);
      server.start();
      return p;
    } catch (IOException e) {
      throw new IllegalStateException("the stand-in provider could not bind a loopback port", e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The base URL a provider is configured with: {@code http://127.0.0.1:PORT/v1} (both formats).
   */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port() + "/v1");
  }

  /** Queues faults; each of the next requests takes one, in order. */
  public StandInProvider enqueue(Fault... next) {
    faults.addAll(List.of(next));
    return this;
  }

  /** Queues {@code n} answers with {@code status} (and a {@code Retry-After} when given). */
  public StandInProvider failNext(int n, int status, Optional<Duration> retryAfter) {
    for (int i = 0; i < n; i++) {
      faults.add(new Fault.Status(status, retryAfter));
    }
    return this;
  }

  /**
   * Reports {@code n} cached input tokens from now on (OpenAI: within {@code prompt_tokens};
   * Anthropic: as {@code cache_read_input_tokens}).
   */
  public StandInProvider cachedTokens(int n) {
    this.cachedTokens = n;
    return this;
  }

  /** How many requests came to {@code path} (e.g. {@code /v1/chat/completions}). */
  public int requests(String path) {
    AtomicInteger c = counts.get(path);
    return c == null ? 0 : c.get();
  }

  /** How many requests came, to any path. */
  public int requests() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** The last request received, if any. */
  public Optional<RecordedRequest> lastRequest() {
    return Optional.ofNullable(last.get());
  }

  /** Forgets counts, the last request, queued faults and cached tokens. */
  public void reset() {
    counts.clear();
    last.set(null);
    faults.clear();
    cachedTokens = 0;
  }

  @Override
  public void close() {
    stopped.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String path = ex.getRequestURI().getPath();
      counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
      last.set(new RecordedRequest(ex.getRequestMethod(), path, ex.getRequestHeaders(), body));
      Optional<Fault> fault = Optional.ofNullable(faults.poll());
      Api api = Api.of(ex.getRequestMethod(), path);
      if (api == Api.UNKNOWN) {
        sendJson(ex, 404, OpenAiWire.error(404, "no route " + path));
        return;
      }
      if (fault.isPresent() && !before(ex, api, fault.get())) {
        return;
      }
      JsonNode req;
      try {
        req = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (JacksonException e) {
        sendJson(ex, 400, errorBody(api, 400, "the body is not JSON"));
        return;
      }
      answer(
          ex, api, req, fault.flatMap(StandInProvider::delay), fault.flatMap(StandInProvider::cut));
    } catch (IOException | RuntimeException e) {
      // The caller went away or a fault cut the connection: nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Applies a fault that acts before any answer; false when it answered (or hung) instead. */
  private boolean before(HttpExchange ex, Api api, Fault fault)
      throws IOException, InterruptedException {
    switch (fault) {
      case Fault.Status s -> {
        s.retryAfter()
            .ifPresent(
                d -> ex.getResponseHeaders().set("Retry-After", Long.toString(d.toSeconds())));
        sendJson(
            ex, s.status(), errorBody(api, s.status(), "stand-in fault: status " + s.status()));
        return false;
      }
      case Fault.Hang h -> {
        stopped.await();
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  private static Optional<Duration> delay(Fault f) {
    return f instanceof Fault.FirstTokenDelay d ? Optional.of(d.delay()) : Optional.empty();
  }

  private static Optional<Integer> cut(Fault f) {
    return f instanceof Fault.Cut c ? Optional.of(c.events()) : Optional.empty();
  }

  private void answer(
      HttpExchange ex, Api api, JsonNode req, Optional<Duration> delay, Optional<Integer> cut)
      throws IOException, InterruptedException {
    String model = req.path("model").asString(MODELS.getFirst());
    boolean stream = req.path("stream").asBoolean(false);
    int n = ids.incrementAndGet();
    int cached = cachedTokens;
    switch (api) {
      case CHAT -> {
        Prompt p = Prompt.ofOpenAiChat(req);
        if (stream) {
          boolean usage = req.path("stream_options").path("include_usage").asBoolean(false);
          Stream s = Stream.open(ex, delay, cut);
          for (var chunk :
              OpenAiWire.chatChunks("chatcmpl-standin-" + n, model, p, cached, usage)) {
            s.event(null, chunk.toString());
          }
          s.event(null, "[DONE]");
          s.end();
        } else {
          plain(
              ex, OpenAiWire.chatCompletion("chatcmpl-standin-" + n, model, p, cached), delay, cut);
        }
      }
      case RESPONSES ->
          plain(
              ex,
              OpenAiWire.response(
                  "resp_standin_" + n, model, Prompt.ofOpenAiResponses(req), cached),
              delay,
              cut);
      case EMBEDDINGS -> plain(ex, OpenAiWire.embeddings(model, req), delay, cut);
      case MODELS -> plain(ex, OpenAiWire.models(MODELS), delay, cut);
      case MESSAGES -> {
        Prompt p = Prompt.ofAnthropic(req);
        if (stream) {
          Stream s = Stream.open(ex, delay, cut);
          for (AnthropicWire.Event e : AnthropicWire.events("msg_standin_" + n, model, p, cached)) {
            s.event(e.name(), e.data().toString());
          }
          s.end();
        } else {
          plain(ex, AnthropicWire.message("msg_standin_" + n, model, p, cached), delay, cut);
        }
      }
      case UNKNOWN -> throw new IllegalStateException("unreachable");
    }
  }

  private static void plain(
      HttpExchange ex, JsonNode body, Optional<Duration> delay, Optional<Integer> cut)
      throws IOException, InterruptedException {
    if (delay.isPresent()) {
      Thread.sleep(delay.get());
    }
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    OutputStream out = ex.getResponseBody();
    if (cut.isPresent()) {
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      abort(ex);
      return;
    }
    out.write(bytes);
  }

  private static void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static JsonNode errorBody(Api api, int status, String message) {
    return api == Api.MESSAGES
        ? AnthropicWire.error(status, message)
        : OpenAiWire.error(status, message);
  }

  /**
   * Ends the exchange with fewer bytes than its declared length, so the client sees the connection
   * drop mid-body rather than a clean end.
   */
  private static void abort(HttpExchange ex) {
    try {
      ex.getResponseBody().close();
    } catch (IOException e) {
      // Expected: the stream refuses to close short of its declared length, and drops the
      // connection.
    }
  }

  /** An event stream being written: each event flushed at once. */
  private static final class Stream {
    /** A declared length no stream reaches, so a cut stream ends short of it. */
    private static final long CUT_LENGTH = 1L << 30;

    private final HttpExchange ex;
    private final OutputStream out;
    private final Optional<Duration> delay;
    private final Optional<Integer> cut;
    private int sent;

    private Stream(HttpExchange ex, Optional<Duration> delay, Optional<Integer> cut) {
      this.ex = ex;
      this.out = ex.getResponseBody();
      this.delay = delay;
      this.cut = cut;
    }

    static Stream open(HttpExchange ex, Optional<Duration> delay, Optional<Integer> cut)
        throws IOException {
      ex.getResponseHeaders().set("Content-Type", SSE);
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, cut.isPresent() ? CUT_LENGTH : 0);
      return new Stream(ex, delay, cut);
    }

    void event(String name, String data) throws IOException, InterruptedException {
      if (sent == 0 && delay.isPresent()) {
        Thread.sleep(delay.get());
      }
      if (cut.isPresent() && sent >= cut.get()) {
        throw new CutException();
      }
      StringBuilder sb = new StringBuilder();
      if (name != null) {
        sb.append("event: ").append(name).append('\n');
      }
      sb.append("data: ").append(data).append("\n\n");
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      sent++;
    }

    void end() {
      if (cut.isPresent()) {
        abort(ex);
      }
    }
  }

  /** Stops writing a stream whose scripted cut has come. */
  private static final class CutException extends IOException {
    private static final long serialVersionUID = 1L;

    CutException() {
      super("stand-in fault: stream cut");
    }
  }

  /** The endpoints the stand-in serves. */
  private enum Api {
    CHAT,
    RESPONSES,
    EMBEDDINGS,
    MODELS,
    MESSAGES,
    UNKNOWN;

    static Api of(String method, String path) {
      Objects.requireNonNull(path, "path");
      return switch (method + " " + path) {
        case "POST /v1/chat/completions" -> CHAT;
        case "POST /v1/responses" -> RESPONSES;
        case "POST /v1/embeddings" -> EMBEDDINGS;
        case "GET /v1/models" -> MODELS;
        case "POST /v1/messages" -> MESSAGES;
        default -> UNKNOWN;
      };
    }
  }
}
