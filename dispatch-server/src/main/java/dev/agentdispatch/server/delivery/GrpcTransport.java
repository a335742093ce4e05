package dev.agentdispatch.server.delivery;

import com.agentservice.v1.AgentServiceGrpc;
import com.agentservice.v1.HealthCheckRequest;
import com.agentservice.v1.HealthCheckResponse;
import com.agentservice.v1.InvokeRequest;
import com.agentservice.v1.InvokeResponse;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.Invocation;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Pushes an attempt as {@code agentservice.v1.AgentService/Invoke}, with the attempt's deadline as
 * the call's.
 */
final class GrpcTransport implements PushTransport<Delivery.Grpc>, AutoCloseable {
  /** The W3C trace context of the push, as gRPC metadata. */
  static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  private final AgentChannels channels;
  private final Clock clock;

  GrpcTransport(AgentChannels channels, Clock clock) {
    this.channels = channels;
    this.clock = clock;
  }

  @Override
  public PushCall start(
      Delivery.Grpc target,
      Invocation invocation,
      AgentSpec agent,
      Duration timeout,
      String traceparent) {
    String leaseId = invocation.state().lease().orElseThrow().leaseId();
    InvokeRequest request = InvokeRequests.of(invocation.spec(), agent, clock.instant());
    Metadata headers = new Metadata();
    headers.put(TRACEPARENT, traceparent);
    ClientCall<InvokeRequest, InvokeResponse> call =
        ClientInterceptors.intercept(
                channels.ready(target), MetadataUtils.newAttachHeadersInterceptor(headers))
            .newCall(
                AgentServiceGrpc.getInvokeMethod(),
                CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
    CompletableFuture<PushOutcome> outcome = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        call,
        request,
        new StreamObserver<>() {
          @Override
          public void onNext(InvokeResponse response) {
            outcome.complete(PushOutcome.answered(AttemptOutcomes.fromResponse(leaseId, response)));
          }

          @Override
          public void onError(Throwable t) {
            outcome.complete(
                PushOutcome.unanswered(
                    AttemptOutcomes.fromStatus(leaseId, Status.fromThrowable(t))));
          }

          @Override
          public void onCompleted() {
            // A unary call has delivered its one response by now; a call without one ends in
            // onError.
          }
        });
    return new PushCall(outcome, () -> call.cancel("attempt stopped", null));
  }

  /**
   * Asks the agent at {@code target} whether it serves.
   *
   * @throws io.grpc.StatusRuntimeException when the call fails (no answer, or not implemented)
   */
  HealthCheckResponse.ServingStatus health(Delivery.Grpc target, Duration deadline) {
    return AgentServiceGrpc.newBlockingStub(channels.ready(target))
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .healthCheck(HealthCheckRequest.getDefaultInstance())
        .getStatus();
  }

  /** Closes the channels of targets no push agent has any more. */
  void retainOnly(Set<Delivery.Grpc> targets) {
    channels.retainOnly(targets);
  }

  /** Closes every channel, cancelling the calls in flight. */
  @Override
  public void close() {
    channels.close();
  }
}
