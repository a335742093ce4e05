package dev.agentdispatch.bench.load;

import com.agentservice.v1.AgentServiceGrpc;
import com.agentservice.v1.HealthCheckRequest;
import com.agentservice.v1.HealthCheckResponse;
import com.agentservice.v1.InvokeRequest;
import com.agentservice.v1.InvokeResponse;
import com.agentservice.v1.Payload;
import com.google.protobuf.ByteString;
import dev.agentdispatch.bench.BenchException;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The harness's push agent: a real grpc-java server on 127.0.0.1 implementing {@code
 * agentservice.v1.AgentService}, as a dispatch_agents SDK agent does. It answers every {@code
 * Invoke} at once with {@code {"result": <payload>}} and tells the current run's {@link
 * PushRecorder} when a call arrived. Calls run on the transport's threads (no executor hop): the
 * answer costs nothing, so what is measured is the server's delivery.
 */
public final class PushAgent implements AutoCloseable {
  private static final byte[] OPEN = "{\"result\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CLOSE = "}".getBytes(StandardCharsets.UTF_8);

  private final Server server;
  private volatile PushRecorder recorder;

  private PushAgent() {
    AgentServiceGrpc.AgentServiceImplBase service =
        new AgentServiceGrpc.AgentServiceImplBase() {
          @Override
          public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> out) {
            long arrived = System.nanoTime();
            PushRecorder r = recorder;
            ByteString data = request.getPayload().getData();
            boolean first = r != null && r.arrived(request.getUid(), data, arrived);
            ByteString result =
                ByteString.copyFrom(OPEN)
                    .concat(data.isEmpty() ? ByteString.copyFromUtf8("null") : data)
                    .concat(ByteString.copyFrom(CLOSE));
            out.onNext(
                InvokeResponse.newBuilder()
                    .setResult(Payload.newBuilder().setData(result))
                    .build());
            out.onCompleted();
            if (first) {
              r.answered();
            }
          }

          @Override
          public void healthCheck(
              HealthCheckRequest request, StreamObserver<HealthCheckResponse> out) {
            out.onNext(
                HealthCheckResponse.newBuilder()
                    .setStatus(HealthCheckResponse.ServingStatus.SERVING_STATUS_SERVING)
                    .build());
            out.onCompleted();
          }
        };
    this.server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                InsecureServerCredentials.create())
            .directExecutor()
            .addService(service)
            .build();
  }

  /** Starts the agent on a free loopback port. */
  public static PushAgent start() {
    PushAgent agent = new PushAgent();
    try {
      agent.server.start();
    } catch (IOException e) {
      throw new BenchException("cannot start the push agent's gRPC server: " + e.getMessage(), e);
    }
    return agent;
  }

  /** {@code 127.0.0.1:port}, as the agent registers it. */
  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Where the calls of the next run are recorded ({@code null}: answered, not recorded). */
  void record(PushRecorder next) {
    recorder = next;
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
