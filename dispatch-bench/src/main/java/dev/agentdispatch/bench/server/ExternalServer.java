package dev.agentdispatch.bench.server;

import java.net.URI;
import java.util.Optional;

/** A server somebody else started ({@code --url}); the harness leaves it running. */
public record ExternalServer(URI url, Optional<Long> pid, Optional<String> db)
    implements ServerHandle {
  @Override
  public void close() {
    // not ours to stop
  }
}
