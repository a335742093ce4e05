package dev.agentdispatch.server.doors.http;

import dev.agentdispatch.server.app.signals.Waiters;
import dev.agentdispatch.server.app.streams.LogSource;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Server-sent event streams of ordered logs (DESIGN §8): {@code id: seq}, resumable with {@code
 * Last-Event-ID} (or {@code ?after=}), {@code : keep-alive} comments, and an {@code end} event once
 * the log can grow no more. Each stream blocks a virtual request thread, never a platform thread;
 * it is woken by {@link Waiters} and re-reads at least every {@code fallback} in case a cross-node
 * wake-up was lost.
 */
public final class EventStreams {
  public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  public static final Duration FALLBACK = Duration.ofSeconds(2);
  private static final int BATCH = 500;

  /** How often an open stream checks that its caller's key is still valid (not revoked). */
  public static final Duration RECHECK = Duration.ofSeconds(5);

  private final Waiters waiters;
  private final Duration keepAlive;
  private final BooleanSupplier open;
  private final Predicate<Context> stillAllowed;

  /**
   * @param open false once the server is closing: streams end so shutdown is not held up
   * @param stillAllowed whether the request's caller may still read (its key not revoked since the
   *     stream opened); asked every {@link #RECHECK}
   */
  public EventStreams(
      Waiters waiters, Duration keepAlive, BooleanSupplier open, Predicate<Context> stillAllowed) {
    this.waiters = waiters;
    this.keepAlive = keepAlive;
    this.open = open;
    this.stillAllowed = stillAllowed;
  }

  /** True when the client asked for a stream ({@code Accept: text/event-stream}). */
  public static boolean wanted(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("text/event-stream");
  }

  /** Where to start: {@code Last-Event-ID} (a reconnect) wins over {@code ?after=}. */
  public static long startAfter(Context ctx) {
    String last = ctx.header("Last-Event-ID");
    String value = last != null && !last.isBlank() ? last : ctx.queryParam("after");
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      long seq = Long.parseLong(value.trim());
      if (seq < 0) {
        throw new NumberFormatException();
      }
      return seq;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          (last != null ? "Last-Event-ID" : "after")
              + " must be a non-negative integer (an"
              + " event seq), got '"
              + value
              + "'");
    }
  }

  /**
   * Streams {@code source} from {@code after} until it ends or the client goes, each entry rendered
   * by {@code render}.
   */
  public <E> void stream(
      Context ctx, LogSource<E> source, long after, Function<E, StreamEntry> render) {
    ctx.res().setStatus(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no"); // proxies must not buffer a live stream
    try {
      OutputStream out = ctx.res().getOutputStream();
      write(out, ": stream after seq " + after + "\n\n");
      run(ctx, out, after, source, render);
    } catch (IOException gone) {
      // The client disconnected; it resumes with Last-Event-ID whenever it comes back.
    }
  }

  private <E> void run(
      Context ctx,
      OutputStream out,
      long after,
      LogSource<E> source,
      Function<E, StreamEntry> render)
      throws IOException {
    long cursor = after;
    long lastWrite = System.nanoTime();
    long lastCheck = System.nanoTime();
    while (open.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
      if (System.nanoTime() - lastCheck >= RECHECK.toNanos()) {
        lastCheck = System.nanoTime();
        if (!stillAllowed.test(ctx)) {
          // A revoked key stops reading at once, not when the client next reconnects.
          write(
              out,
              "event: end\ndata: {\"reason\":\"unauthorized\",\"last_seq\":" + cursor + "}\n\n");
          out.flush();
          return;
        }
      }
      CompletableFuture<Void> grew = waiters.register(source.key());
      try {
        LogSource.Batch<E> batch = source.read(cursor, BATCH);
        for (StreamEntry e : batch.entries().stream().map(render).toList()) {
          write(out, "id: " + e.seq() + "\nevent: " + e.type() + "\n" + data(e.json()) + "\n");
          cursor = e.seq();
        }
        if (!batch.entries().isEmpty()) {
          out.flush();
          lastWrite = System.nanoTime();
        }
        if (batch.entries().size() == BATCH) {
          continue; // more is waiting: read on before sleeping
        }
        if (batch.ended()) {
          write(
              out,
              "event: end\ndata: {\"reason\":\""
                  + batch.endReason()
                  + "\",\"last_seq\":"
                  + cursor
                  + "}\n\n");
          out.flush();
          return;
        }
        Duration sinceWrite = Duration.ofNanos(System.nanoTime() - lastWrite);
        Duration untilKeepAlive = keepAlive.minus(sinceWrite);
        if (untilKeepAlive.isNegative() || untilKeepAlive.isZero()) {
          write(out, ": keep-alive\n\n");
          out.flush();
          lastWrite = System.nanoTime();
          continue;
        }
        Waiters.await(grew, untilKeepAlive.compareTo(FALLBACK) < 0 ? untilKeepAlive : FALLBACK);
      } finally {
        waiters.forget(source.key(), grew);
      }
    }
  }

  private static String data(String json) {
    // A data field ends at a newline; JSON from the store is compact, but split defensively.
    StringBuilder sb = new StringBuilder();
    for (String line : json.split("\n", -1)) {
      sb.append("data: ").append(line).append('\n');
    }
    return sb.toString();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
