package dev.agentdispatch.bench.server;

import java.net.URI;
import java.util.Optional;

/** The server under test: where it listens, its process (for CPU and heap), and its database. */
public interface ServerHandle extends AutoCloseable {
  URI url();

  /**
   * The server's process, when the harness can see it (a started server, or {@code --server-pid}).
   */
  Optional<Long> pid();

  /** The {@code --db} URL it runs on, when known. */
  Optional<String> db();

  @Override
  void close();
}
