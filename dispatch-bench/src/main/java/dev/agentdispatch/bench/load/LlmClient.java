package dev.agentdispatch.bench.load;

import dev.agentdispatch.bench.BenchException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * OpenAI chat completions as a client library sends them, to any base URL (the stand-in provider
 * directly, or the gateway's {@code …/llm/openai/v1}), timed in the caller. One {@link HttpClient}
 * serves both targets so the client's own cost is the same on both sides; each target keeps its own
 * keep-alive connections.
 */
public final class LlmClient {
  /** Small, fixed request: a capped answer keeps the ledger's estimate (and the bench) cheap. */
  private static final byte[] PLAIN =
      ("{\"model\":\"standin-small\",\"max_tokens\":16,"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hello from the bench\"}]}")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * The gateway asks an OpenAI chat stream for its usage ({@code include_usage}); the direct call
   * asks the same, so both sides read the same stream.
   */
  private static final byte[] STREAM =
      ("{\"model\":\"standin-small\",\"max_tokens\":16,\"stream\":true,"
              + "\"stream_options\":{\"include_usage\":true},"
              + "\"messages\":[{\"role\":\"user\",\"content\":\"hello from the bench\"}]}")
          .getBytes(StandardCharsets.UTF_8);

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  /** {@code base} is an OpenAI base URL ending in {@code /v1}; calls go to its chat completions. */
  public static URI chatCompletions(URI base) {
    return URI.create(base.toString().replaceAll("/+$", "") + "/chat/completions");
  }

  /**
   * One plain (non-streaming) chat completion, read whole.
   *
   * @return nanoseconds from the send to the last byte of the answer
   * @throws BenchException when it fails or answers other than 200
   */
  public long plain(URI chat) {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = send(chat, PLAIN, HttpResponse.BodyHandlers.ofByteArray());
    long t = System.nanoTime() - t0;
    if (r.statusCode() != 200) {
      throw new BenchException(
          "POST " + chat + " answered " + r.statusCode() + ": " + head(r.body()));
    }
    return t;
  }

  /**
   * One streaming chat completion: the time to its first SSE {@code data:} line, then the rest read
   * to its end (so the connection is reused and the call completes).
   *
   * @return nanoseconds from the send to the end of the first {@code data:} line
   */
  public long timeToFirstData(URI chat) {
    long t0 = System.nanoTime();
    HttpResponse<InputStream> r = send(chat, STREAM, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = new BufferedInputStream(r.body())) {
      if (r.statusCode() != 200) {
        throw new BenchException(
            "POST "
                + chat
                + " (stream) answered "
                + r.statusCode()
                + ": "
                + head(in.readAllBytes()));
      }
      long ttft = firstDataLine(in) ? System.nanoTime() - t0 : -1;
      in.transferTo(OutputStream.nullOutputStream());
      if (ttft < 0) {
        throw new BenchException("POST " + chat + " (stream) ended without a data line");
      }
      return ttft;
    } catch (IOException e) {
      throw new BenchException("POST " + chat + " (stream) broke: " + e.getMessage(), e);
    }
  }

  /** Reads until the end of the first line that starts with {@code data:}; false at the end. */
  private static boolean firstDataLine(InputStream in) throws IOException {
    int matched = 0; // bytes of "data:" matched at the start of the current line; -1: not a match
    boolean data = false;
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        if (data) {
          return true;
        }
        matched = 0;
      } else if (!data && matched >= 0) {
        if (b == DATA[matched]) {
          matched++;
          data = matched == DATA.length;
        } else {
          matched = -1;
        }
      }
    }
    return false;
  }

  private <T> HttpResponse<T> send(URI uri, byte[] body, HttpResponse.BodyHandler<T> handler) {
    HttpRequest req =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw new BenchException("POST " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("POST " + uri + " interrupted", e);
    }
  }

  private static String head(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
