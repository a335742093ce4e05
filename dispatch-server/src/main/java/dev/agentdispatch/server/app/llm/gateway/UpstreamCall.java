package dev.agentdispatch.server.app.llm.gateway;

import dev.agentdispatch.core.llm.LlmFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One try of one provider: send the request, wait for its first byte, then pass the answer to the
 * client. A plain answer is read whole before the client sees a byte, so a failure while reading it
 * can still fail over; a stream is passed on chunk by chunk from its first byte, and a failure
 * after that ends it with an error event in the client's format.
 */
final class UpstreamCall {
  /** The most of a provider's error body the gateway keeps to pass on. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** Read at a time: most answers, and most stream events, are far smaller. */
  private static final int CHUNK = 4 * 1024;

  private final HttpClient http;
  private final Watchdog watchdog;
  private final Clock clock;

  UpstreamCall(HttpClient http, Watchdog watchdog, Clock clock) {
    this.http = http;
    this.watchdog = watchdog;
    this.clock = clock;
  }

  /** What one try sends. */
  record Request(
      URI uri,
      byte[] body,
      List<String> headers,
      LlmFormat format,
      boolean stream,
      Duration firstByteTimeout,
      Duration remaining) {}

  Tried run(Request req, AnswerScan scan, ResponseSink sink) {
    long t0 = System.nanoTime();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(req.uri())
            .timeout(req.firstByteTimeout())
            .POST(HttpRequest.BodyPublishers.ofByteArray(req.body()));
    List<String> h = req.headers();
    for (int i = 0; i < h.size(); i += 2) {
      b.header(h.get(i), h.get(i + 1));
    }
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      return Tried.Failed.of(
          Tried.Failed.Kind.TIMEOUT,
          "no answer within " + req.firstByteTimeout().toMillis() + " ms");
    } catch (ConnectException e) {
      return Tried.Failed.of(Tried.Failed.Kind.CONNECTION, "could not connect: " + describe(e));
    } catch (IOException e) {
      return Tried.Failed.of(Tried.Failed.Kind.CONNECTION, "connection failed: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Tried.Failed.of(Tried.Failed.Kind.CONNECTION, "interrupted");
    }
    return new Reading(req, resp, scan, sink, t0).read();
  }

  /** The reading of one response, under its first-byte and total timeouts. */
  private final class Reading {
    private final Request req;
    private final HttpResponse<InputStream> resp;
    private final InputStream in;
    private final AnswerScan scan;
    private final ResponseSink sink;
    private final long t0;
    private final AtomicReference<String> timedOut = new AtomicReference<>();

    Reading(
        Request req, HttpResponse<InputStream> resp, AnswerScan scan, ResponseSink sink, long t0) {
      this.req = req;
      this.resp = resp;
      this.in = resp.body();
      this.scan = scan;
      this.sink = sink;
      this.t0 = t0;
    }

    Tried read() {
      Duration firstLeft = req.firstByteTimeout().minusNanos(System.nanoTime() - t0);
      Future<?> first =
          watchdog.after(
              firstLeft,
              () -> expire("no first byte within " + req.firstByteTimeout().toMillis() + " ms"));
      Future<?> total =
          watchdog.after(req.remaining(), () -> expire("the call's total timeout passed"));
      try {
        return answer(first);
      } finally {
        first.cancel(false);
        total.cancel(false);
        closeQuietly();
      }
    }

    private Tried answer(Future<?> first) {
      int status = resp.statusCode();
      byte[] buf = new byte[CHUNK];
      int n;
      try {
        n = in.read(buf);
      } catch (IOException e) {
        return beforeFirstByte(e);
      }
      first.cancel(false);
      Optional<Duration> ttfb = Optional.of(Duration.ofNanos(System.nanoTime() - t0));
      boolean ok = status >= 200 && status < 300;
      if (!ok || !req.stream() || n < 0) {
        return whole(status, buf, n);
      }
      if (!start(status, streamHeaders())) {
        return new Tried.Delivered(Optional.of("the client went away"), ttfb, false);
      }
      return stream(buf, n, ttfb);
    }

    /** Reads a whole answer, then passes it on (a retryable failure is kept back for failover). */
    private Tried whole(int status, byte[] buf, int n) {
      ByteArrayOutputStream acc = new ByteArrayOutputStream(Math.max(n, 256));
      boolean retryable = status == 429 || status >= 500;
      try {
        int read = n;
        while (read >= 0) {
          acc.write(buf, 0, read);
          if (retryable && acc.size() >= MAX_ERROR_BODY) {
            break;
          }
          read = in.read(buf);
        }
      } catch (IOException e) {
        return retryable ? failedStatus(status, acc.toByteArray()) : beforeFirstByte(e);
      }
      byte[] body = acc.toByteArray();
      if (retryable) {
        return failedStatus(status, body);
      }
      boolean ok = status >= 200 && status < 300;
      if (ok && body.length == 0) {
        return Tried.Failed.of(Tried.Failed.Kind.CONNECTION, "the provider sent an empty answer");
      }
      if (ok) {
        scan.whole(body);
      }
      Map<String, String> headers = passedHeaders();
      headers.put(
          "Content-Type", resp.headers().firstValue("content-type").orElse("application/json"));
      // With its length known the client has the whole answer at the last byte, without waiting
      // for the gateway to finish the call (and its chunked encoding's last chunk).
      headers.put("Content-Length", Integer.toString(body.length));
      Optional<String> error =
          ok ? Optional.empty() : Optional.of("the provider answered " + status);
      if (!start(status, headers) || !write(body, body.length)) {
        return new Tried.Delivered(Optional.of("the client went away"), Optional.empty(), false);
      }
      return new Tried.Delivered(error, Optional.empty(), false);
    }

    /** Passes a stream on as it arrives; ends it with an error event if it breaks. */
    private Tried stream(byte[] buf, int first, Optional<Duration> ttfb) {
      int n = first;
      try {
        while (n >= 0) {
          scan.feed(buf, 0, n);
          if (!write(buf, n)) {
            return new Tried.Delivered(Optional.of("the client went away"), ttfb, false);
          }
          n = in.read(buf);
        }
      } catch (IOException e) {
        String why =
            Optional.ofNullable(timedOut.get())
                .orElse("the provider's stream broke: " + describe(e));
        return broken(why, ttfb);
      }
      if (scan.streamError().isPresent()) {
        return new Tried.Delivered(
            Optional.of(
                "the provider reported an error in the stream: " + scan.streamError().get()),
            ttfb,
            true);
      }
      if (!scan.terminated()) {
        return broken("the provider's stream ended before its last event", ttfb);
      }
      return new Tried.Delivered(Optional.empty(), ttfb, false);
    }

    private Tried broken(String why, Optional<Duration> ttfb) {
      byte[] event = ErrorBodies.streamEvent(req.format(), why);
      write(event, event.length);
      return new Tried.Delivered(Optional.of(why), ttfb, true);
    }

    private Tried beforeFirstByte(IOException e) {
      String why = timedOut.get();
      return why != null
          ? Tried.Failed.of(Tried.Failed.Kind.TIMEOUT, why)
          : Tried.Failed.of(Tried.Failed.Kind.CONNECTION, "the answer broke off: " + describe(e));
    }

    private Tried failedStatus(int status, byte[] body) {
      Optional<Duration> retryAfter =
          resp.headers()
              .firstValue("retry-after")
              .flatMap(v -> Backoff.retryAfter(v, clock.instant()));
      return new Tried.Failed(
          Tried.Failed.Kind.STATUS,
          "the provider answered " + status,
          Optional.of(status),
          Optional.of(body),
          resp.headers().firstValue("content-type"),
          retryAfter);
    }

    private Map<String, String> streamHeaders() {
      Map<String, String> headers = passedHeaders();
      headers.put("Content-Type", "text/event-stream; charset=utf-8");
      headers.put("Cache-Control", "no-cache");
      headers.put("X-Accel-Buffering", "no");
      return headers;
    }

    /** The provider's request id and rate-limit headers, which clients read. */
    private Map<String, String> passedHeaders() {
      Map<String, String> out = new LinkedHashMap<>();
      resp.headers()
          .map()
          .forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!values.isEmpty()
                && (n.equals("x-request-id")
                    || n.equals("request-id")
                    || n.startsWith("x-ratelimit-")
                    || n.startsWith("anthropic-ratelimit-")
                    || n.startsWith("openai-"))) {
              out.put(name, values.getFirst());
            }
          });
      return out;
    }

    private boolean start(int status, Map<String, String> headers) {
      try {
        sink.start(status, headers);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private boolean write(byte[] bytes, int length) {
      try {
        sink.write(bytes, 0, length);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private void expire(String why) {
      timedOut.compareAndSet(null, why);
      closeQuietly();
    }

    private void closeQuietly() {
      try {
        in.close();
      } catch (IOException e) {
        // Closing is how a timeout or a finished call lets go; nothing more to do.
      }
    }
  }

  private static String describe(Exception e) {
    return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
  }
}
