package dev.agentdispatch.core.agent;

import java.util.Objects;

/**
 * How an agent's work reaches it (DESIGN §6): its workers pull leases, or the server pushes each
 * attempt to the agent's endpoint.
 */
public sealed interface Delivery {
  /** The default: workers long-poll for leases. */
  Delivery PULL = new Pull();

  /** The wire name of the mode: {@code pull} or {@code grpc}. */
  String mode();

  /** Workers lease attempts over the API. */
  record Pull() implements Delivery {
    @Override
    public String mode() {
      return "pull";
    }
  }

  /**
   * The server calls {@code agentservice.v1.AgentService/Invoke} at {@code address} for each
   * attempt.
   *
   * @param address {@code host:port} of the agent's gRPC server
   */
  record Grpc(String address) implements Delivery {
    public Grpc {
      Objects.requireNonNull(address, "address is null");
      int colon = address.lastIndexOf(':');
      if (colon <= 0 || colon == address.length() - 1) {
        throw new IllegalArgumentException("a gRPC address is host:port, got '" + address + "'");
      }
      try {
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65_535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "the port of gRPC address '" + address + "' must be 1 to 65535");
      }
    }

    @Override
    public String mode() {
      return "grpc";
    }
  }
}
