package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.hooks.HookContext;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The chunks of one streamed turn, as the turn reads them. Without a timeout they are read on the
 * caller's thread; with one, {@link TimedUpstream} reads them on its own thread so that a hung
 * upstream cannot hold the caller past the deadline.
 */
interface Upstream {
  /** The next chunk, or empty when the stream is exhausted. */
  Optional<String> next() throws Exception;

  /** Closes the upstream stream. A failure here is the caller's to report; it is thrown. */
  void close();

  static Upstream open(Session.ChunkSource source, HookContext hooks, Optional<Duration> timeout)
      throws Exception {
    if (timeout.isPresent()) {
      return new TimedUpstream(source, hooks, timeout.get());
    }
    Stream<String> stream = source.open(hooks);
    Iterator<String> chunks = stream.iterator();
    return new Upstream() {
      @Override
      public Optional<String> next() {
        return chunks.hasNext() ? Optional.of(chunks.next()) : Optional.empty();
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }
}
