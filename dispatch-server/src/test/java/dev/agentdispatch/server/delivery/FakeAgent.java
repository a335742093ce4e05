package dev.agentdispatch.server.delivery;

import com.agentservice.v1.AgentServiceGrpc;
import com.agentservice.v1.HealthCheckRequest;
import com.agentservice.v1.HealthCheckResponse;
import com.agentservice.v1.InvokeRequest;
import com.agentservice.v1.InvokeResponse;
import com.agentservice.v1.Payload;
import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A dispatch_agents agent as the server sees it: a real gRPC server on 127.0.0.1 implementing
 * {@code agentservice.v1.AgentService}, answering each call with what {@link Handler} returns and
 * recording what it was sent.
 */
final class FakeAgent implements AutoCloseable {
  /** What the agent does with one call. */
  interface Handler {
    InvokeResponse handle(InvokeRequest request) throws InterruptedException;
  }

  final BlockingQueue<InvokeRequest> received = new LinkedBlockingQueue<>();

  /** Calls the server cancelled, or whose deadline passed, before the handler answered. */
  final AtomicInteger cancelled = new AtomicInteger();

  final AtomicInteger healthChecks = new AtomicInteger();

  /** What the agent answers to {@code HealthCheck}. */
  final AtomicReference<HealthCheckResponse.ServingStatus> serving =
      new AtomicReference<>(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING);

  private final Server server;

  private FakeAgent(Handler handler, ServerCredentials credentials) {
    AgentServiceGrpc.AgentServiceImplBase service =
        new AgentServiceGrpc.AgentServiceImplBase() {
          @Override
          public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> out) {
            received.add(request);
            // A call's context is also cancelled when it ends normally: count only the ones cut
            // short before the handler answered.
            AtomicBoolean answered = new AtomicBoolean();
            Context.current()
                .addListener(
                    c -> {
                      if (!answered.get()) {
                        cancelled.incrementAndGet();
                      }
                    },
                    Runnable::run);
            try {
              InvokeResponse response = handler.handle(request);
              answered.set(true);
              out.onNext(response);
              out.onCompleted();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } catch (StatusRuntimeException e) {
              // The call was cancelled while the handler ran: nobody is listening any more.
            }
          }

          @Override
          public void healthCheck(
              HealthCheckRequest request, StreamObserver<HealthCheckResponse> out) {
            healthChecks.incrementAndGet();
            out.onNext(HealthCheckResponse.newBuilder().setStatus(serving.get()).build());
            out.onCompleted();
          }
        };
    this.server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .addService(service)
            .build();
  }

  static FakeAgent start(Handler handler) {
    return start(handler, InsecureServerCredentials.create());
  }

  /** An agent whose gRPC server speaks TLS as {@code credentials} say. */
  static FakeAgent start(Handler handler, ServerCredentials credentials) {
    FakeAgent agent = new FakeAgent(handler, credentials);
    try {
      agent.server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return agent;
  }

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The SDK's answer to a handler that returned {@code resultJson}. */
  static InvokeResponse result(String resultJson) {
    return response("{\"result\":" + resultJson + "}", false);
  }

  /** The SDK's answer to a handler that raised. */
  static InvokeResponse error(String message, String type) {
    return response(
        "{\"error\":\""
            + message
            + "\",\"error_type\":\""
            + type
            + "\",\"trace\":\"Traceback (most recent call last): ...\",\"details\":null}",
        true);
  }

  private static InvokeResponse response(String json, boolean isError) {
    return InvokeResponse.newBuilder()
        .setResult(Payload.newBuilder().setData(ByteString.copyFromUtf8(json)))
        .setIsError(isError)
        .build();
  }

  /**
   * A handler that runs until the server gives up on the call (its cancel or deadline), then
   * answers: too late, nobody listens.
   */
  static InvokeResponse untilCancelled(InvokeRequest request) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Context.current().addListener(c -> done.countDown(), Runnable::run);
    done.await(30, TimeUnit.SECONDS);
    return result("null");
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
