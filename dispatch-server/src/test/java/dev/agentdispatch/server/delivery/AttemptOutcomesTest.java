package dev.agentdispatch.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentservice.v1.InvokeResponse;
import com.agentservice.v1.Payload;
import com.google.protobuf.ByteString;
import dev.agentdispatch.core.invocation.ErrorInfo;
import dev.agentdispatch.store.invocation.Completion;
import io.grpc.Status;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class AttemptOutcomesTest {
  private static InvokeResponse answer(String json, boolean isError) {
    return InvokeResponse.newBuilder()
        .setResult(Payload.newBuilder().setData(ByteString.copyFromUtf8(json)))
        .setIsError(isError)
        .build();
  }

  private static ErrorInfo failure(Completion c) {
    assertThat(c).isInstanceOf(Completion.Failed.class);
    assertThat(((Completion.Failed) c).retryable()).isTrue();
    return ((Completion.Failed) c).error();
  }

  @Test
  void aResultIsUnwrapped() {
    assertThat(AttemptOutcomes.fromResponse("l", answer("{\"result\":{\"sum\":5}}", false)))
        .isEqualTo(new Completion.Completed("l", "{\"sum\":5}"));
    assertThat(AttemptOutcomes.fromResponse("l", answer("{\"result\":null}", false)))
        .isEqualTo(new Completion.Completed("l", "null"));
  }

  @Test
  void anErrorKeepsItsTypeTraceAndDetails() {
    ErrorInfo e =
        failure(
            AttemptOutcomes.fromResponse(
                "l",
                answer(
                    "{\"error\":\"1 validation error\",\"error_type\":\"ValidationError\","
                        + "\"trace\":\"Traceback\",\"details\":[{\"loc\":[\"a\"]}]}",
                    true)));
    assertThat(e.message()).isEqualTo("1 validation error");
    assertThat(e.type()).isEqualTo("ValidationError");
    assertThat(e.trace()).contains("Traceback");
    assertThat(e.detailsJson()).contains("[{\"loc\":[\"a\"]}]");
  }

  @Test
  void anAnswerThatIsNotTheEnvelopeFailsTheAttempt() {
    assertThat(failure(AttemptOutcomes.fromResponse("l", answer("not json", false))).type())
        .isEqualTo(AttemptOutcomes.INVALID_RESPONSE);
    assertThat(failure(AttemptOutcomes.fromResponse("l", answer("{\"sum\":5}", false))).type())
        .isEqualTo(AttemptOutcomes.INVALID_RESPONSE);
  }

  @Test
  void aFailedCallNamesItsStatus() {
    ErrorInfo e =
        failure(
            AttemptOutcomes.fromStatus(
                "l",
                Status.UNAVAILABLE
                    .withDescription("io exception")
                    .withCause(new ConnectException("Connection refused"))));
    assertThat(e.type()).isEqualTo("GrpcUnavailable");
    assertThat(e.message()).isEqualTo("gRPC UNAVAILABLE: io exception (Connection refused)");
    assertThat(
            failure(
                    AttemptOutcomes.fromStatus(
                        "l", Status.DEADLINE_EXCEEDED.withDescription("deadline")))
                .type())
        .isEqualTo(ErrorInfo.ATTEMPT_TIMED_OUT);
    assertThat(failure(AttemptOutcomes.fromStatus("l", Status.RESOURCE_EXHAUSTED)).type())
        .isEqualTo("GrpcResourceExhausted");
  }
}
