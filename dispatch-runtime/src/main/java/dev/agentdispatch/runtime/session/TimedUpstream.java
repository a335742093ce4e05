package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;
import dev.agentdispatch.runtime.internal.Executors2;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A streamed turn with a timeout. A blocking {@code hasNext()} cannot be given a deadline, so a
 * reader thread opens the source and pumps its chunks into a small queue, and the turn polls the
 * queue until one deadline: the timeout counts from the opening, so it bounds both the time to the
 * first chunk and the whole stream. On timeout the turn interrupts the reader and closes the
 * stream, which is what unblocks a read stuck on a socket.
 */
final class TimedUpstream implements Upstream {
  private static final System.Logger LOG = System.getLogger(TimedUpstream.class.getName());
  private static final int BUFFERED_CHUNKS = 16;
  private static final Object END = new Object();

  private record Chunk(String text) {}

  private record Failed(Throwable error) {}

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BUFFERED_CHUNKS);
  private final Duration timeout;
  private final long deadlineNanos;
  private final Handle handle = new Handle();
  private final Future<?> reader;

  TimedUpstream(Session.ChunkSource source, HookContext hooks, Duration timeout) {
    this.timeout = timeout;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    ExecutorService executor = Executors2.perTask("agent-stream");
    this.reader = executor.submit(() -> pump(source, hooks));
    executor.shutdown(); // the one task still runs; the thread goes when it ends
  }

  private void pump(Session.ChunkSource source, HookContext hooks) {
    try {
      Stream<String> stream = source.open(hooks);
      if (!handle.adopt(stream)) {
        return; // the turn ended while the source was opening
      }
      Iterator<String> chunks = stream.iterator();
      while (chunks.hasNext()) {
        queue.put(new Chunk(chunks.next()));
      }
      queue.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the turn has gone: nobody reads the queue
    } catch (Throwable e) {
      forward(e);
    }
  }

  /**
   * Hands the reader's failure to the turn. A blocking put, so a full queue cannot drop it; if the
   * turn has gone meanwhile, its close interrupts the put.
   */
  private void forward(Throwable e) {
    try {
      queue.put(new Failed(e));
    } catch (InterruptedException gone) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Optional<String> next() throws Exception {
    long left = deadlineNanos - System.nanoTime();
    Object item = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
    if (item == null) {
      throw new TurnTimeoutException(timeout);
    }
    if (item == END) {
      return Optional.empty();
    }
    if (item instanceof Failed failed) {
      // The reader's own exception, checked ones included, as the untimed path would throw it.
      if (failed.error() instanceof Error e) {
        throw e;
      }
      throw (Exception) failed.error();
    }
    return Optional.of(((Chunk) item).text());
  }

  @Override
  public void close() {
    reader.cancel(true);
    handle.close();
  }

  /**
   * The stream the reader opened, closed exactly once: by the turn, or by the reader when the turn
   * ended before the source had opened.
   */
  private static final class Handle {
    private Stream<String> stream;
    private boolean closed;

    /** Keeps the stream, or closes it at once when the turn has already ended. */
    boolean adopt(Stream<String> opened) {
      synchronized (this) {
        if (!closed) {
          stream = opened;
          return true;
        }
      }
      try {
        opened.close();
      } catch (RuntimeException e) {
        // The turn ended (timed out) before this stream existed; there is no turn left to tell.
        LOG.log(Level.DEBUG, "late stream close failed ({0})", e.getClass().getName());
      }
      return false;
    }

    void close() {
      Stream<String> open;
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        open = stream;
      }
      if (open != null) {
        open.close();
      }
    }
  }
}
