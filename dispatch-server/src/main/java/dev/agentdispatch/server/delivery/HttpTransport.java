package dev.agentdispatch.server.delivery;

import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.server.app.Json;
import dev.agentdispatch.server.protocol.LeaseView;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;

/**
 * Pushes an attempt as an HTTP {@code POST} of its lease (the JSON a pull worker leases) to the
 * agent's URL; the answer is the result a worker would report (see {@link HttpReplies}). The
 * request's timeout is the attempt's deadline, and headers repeat what fences the attempt so an
 * agent can log or deduplicate without parsing the body.
 */
final class HttpTransport implements PushTransport<Delivery.Http>, AutoCloseable {
  /** The invocation the attempt belongs to. */
  static final String INVOCATION_ID = "Dispatch-Invocation-Id";

  /** The attempt's fencing token: a later attempt of the same invocation has another. */
  static final String LEASE_ID = "Dispatch-Lease-Id";

  /** Which attempt this is, from 1. */
  static final String ATTEMPT = "Dispatch-Attempt";

  /** When the server gives up on this attempt (ISO-8601). */
  static final String DEADLINE = "Dispatch-Deadline";

  /** As for gRPC results: a payload-sized result in its envelope fits, anything far larger not. */
  static final long MAX_ANSWER_BYTES = AgentChannels.MAX_INBOUND_BYTES;

  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client;

  HttpTransport(PushTls tls) {
    this.client = client(tls, executor);
  }

  /** The HTTP client of a push mode over HTTP, with the push TLS settings. */
  static HttpClient client(PushTls tls, ExecutorService executor) {
    return HttpClient.newBuilder()
        // HTTP/1.1: an agent's web framework need not speak h2c, and a cancelled push then
        // closes its connection, which the agent can notice.
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(tls.http())
        .executor(executor)
        .build();
  }

  @Override
  public PushCall start(
      Delivery.Http target,
      Invocation invocation,
      AgentSpec agent,
      Duration timeout,
      String traceparent) {
    LeaseView lease = LeaseView.of(invocation);
    HttpRequest request =
        HttpRequest.newBuilder(target.url())
            .timeout(timeout.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .header(INVOCATION_ID, lease.invocationId())
            .header(LEASE_ID, lease.leaseId())
            .header(ATTEMPT, Integer.toString(lease.attempt()))
            .header(DEADLINE, lease.deadline().toString())
            .header("traceparent", traceparent)
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(lease)))
            .build();
    CompletableFuture<HttpResponse<byte[]>> sent =
        client.sendAsync(
            request,
            info -> new LimitedBody(HttpResponse.BodySubscribers.ofByteArray(), MAX_ANSWER_BYTES));
    CompletableFuture<PushOutcome> outcome =
        sent.handle((response, failure) ->
            failure == null
                ? HttpReplies.fromResponse(
                    lease.leaseId(), target, response.statusCode(), response.body())
                : HttpReplies.fromFailure(lease.leaseId(), target, timeout, failure));
    // Cancelling the client's own future aborts the exchange (and closes its connection).
    return new PushCall(outcome, () -> sent.cancel(true));
  }

  /**
   * Collects a body up to {@code max} bytes; a longer one fails the exchange instead of filling the
   * heap.
   */
  static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final HttpResponse.BodySubscriber<byte[]> downstream;
    private final long max;
    private long received;
    private boolean failed;
    private Flow.Subscription subscription;

    LimitedBody(HttpResponse.BodySubscriber<byte[]> downstream, long max) {
      this.downstream = downstream;
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return downstream.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      downstream.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (failed) {
        return;
      }
      received += buffers.stream().mapToLong(ByteBuffer::remaining).sum();
      if (received > max) {
        failed = true;
        subscription.cancel();
        downstream.onError(new IOException("the agent's answer is larger than " + max + " bytes"));
        return;
      }
      downstream.onNext(buffers);
    }

    @Override
    public void onError(Throwable t) {
      if (!failed) {
        downstream.onError(t);
      }
    }

    @Override
    public void onComplete() {
      if (!failed) {
        downstream.onComplete();
      }
    }
  }

  /** Aborts the calls in flight. */
  @Override
  public void close() {
    client.shutdownNow();
    executor.shutdownNow();
  }
}
