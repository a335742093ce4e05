package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.Delivery;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One gRPC channel per agent address (and plaintext or TLS), reused by every attempt and health
 * check to it: a channel keeps its connection open, so an attempt costs one HTTP/2 stream, not a
 * handshake.
 */
final class AgentChannels implements AutoCloseable {
  /**
   * Above grpc-java's default of 4 MiB: a result may be as large as a payload (2 MiB of JSON) plus
   * the SDK's {@code {"result": …}} envelope; anything larger fails the attempt with a clear
   * status.
   */
  static final int MAX_INBOUND_BYTES = 8 * 1024 * 1024;

  private final Map<Delivery.Grpc, ManagedChannel> channels = new HashMap<>();
  private final PushTls tls;
  private boolean closed;

  AgentChannels(PushTls tls) {
    this.tls = tls;
  }

  /**
   * The channel to {@code target}, ready for a call. A channel whose connects failed waits out an
   * exponential backoff (up to two minutes) and fails every call fast meanwhile, even once the
   * agent is back; an attempt is worth a fresh connect, so the backoff is reset first.
   *
   * @throws IllegalStateException once closed
   */
  synchronized ManagedChannel ready(Delivery.Grpc target) {
    if (closed) {
      throw new IllegalStateException("push delivery is shut down");
    }
    ManagedChannel channel = channels.computeIfAbsent(target, this::open);
    if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      channel.resetConnectBackoff();
    }
    return channel;
  }

  /** Closes the channels of targets no push agent has any more; calls in flight on them finish. */
  synchronized void retainOnly(Set<Delivery.Grpc> targets) {
    channels
        .entrySet()
        .removeIf(e -> {
          if (targets.contains(e.getKey())) {
            return false;
          }
          e.getValue().shutdown();
          return true;
        });
  }

  /** Closes every channel at once, cancelling the calls in flight. */
  @Override
  public synchronized void close() {
    closed = true;
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }

  private ManagedChannel open(Delivery.Grpc target) {
    ChannelCredentials credentials =
        target.tls() ? tls.grpc() : InsecureChannelCredentials.create();
    return Grpc.newChannelBuilder(target.address(), credentials)
        .maxInboundMessageSize(MAX_INBOUND_BYTES)
        .build();
  }
}
