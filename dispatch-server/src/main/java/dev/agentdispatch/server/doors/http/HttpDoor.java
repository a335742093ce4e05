package dev.agentdispatch.server.doors.http;

import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * One door on the node's HTTP server: its routes, the paths they live under, and the shape its
 * clients expect errors in. A new door is one implementation of this in a package of its own.
 */
public interface HttpDoor {
  /** Registers the door's routes (and its filters) on the node's server. */
  void register(RoutesConfig routes);

  /** Path prefixes this door answers (e.g. {@code /v1/}); errors under them take its shape. */
  List<String> pathPrefixes();

  /** How this door writes an error. */
  ErrorShape errorShape();

  /**
   * How this door writes an error on {@code path}, one of its own: {@link #errorShape()} unless a
   * part of the door speaks another API's error format.
   */
  default ErrorShape errorShape(String path) {
    return errorShape();
  }
}
