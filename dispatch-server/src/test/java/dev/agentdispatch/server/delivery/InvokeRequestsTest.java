package dev.agentdispatch.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.agentservice.v1.InvokeRequest;
import dev.agentdispatch.core.agent.AgentSpec;
import dev.agentdispatch.core.agent.Delivery;
import dev.agentdispatch.core.agent.FunctionSpec;
import dev.agentdispatch.core.agent.Trigger;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.Message;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvokeRequestsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  private static FunctionSpec function(String name, Trigger... triggers) {
    return new FunctionSpec(
        name,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(triggers),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static final AgentSpec AGENT =
      new AgentSpec(
          "default",
          "shop",
          Optional.empty(),
          List.of(
              function("add", new Trigger.Callable()),
              function("on_order", new Trigger.Topic("billing.*"), new Trigger.Topic("orders.*")),
              function("audit_a", new Trigger.Topic("audit.*")),
              function("audit_b", new Trigger.Topic("audit.*"))),
          Optional.empty(),
          Optional.empty(),
          new Delivery.Grpc("127.0.0.1:50051"));

  private static InvokeRequest encode(String function, Message message) {
    InvocationSpec spec =
        InvocationSpec.builder("inv-1", "default", "shop", function)
            .payloadJson("{\"a\":1}")
            .traceId("trace-1")
            .createdAt(NOW)
            .message(message)
            .build();
    return InvokeRequests.of(spec, AGENT, NOW);
  }

  @Test
  void aFunctionCallNamesTheFunctionAndCarriesThePayloadAsJson() {
    InvokeRequest r = encode("add", Message.FUNCTION);
    assertThat(r.getMessageType()).isEqualTo("function");
    assertThat(r.getFunctionName()).isEqualTo("add");
    assertThat(r.getTopic()).isEmpty();
    assertThat(r.getUid()).isEqualTo("inv-1");
    assertThat(r.getTraceId()).isEqualTo("trace-1");
    assertThat(r.getTs()).isEqualTo("2026-12-02T10:00:00Z");
    assertThat(r.getPayload().getData().toStringUtf8()).isEqualTo("{\"a\":1}");
    assertThat(r.getPayload().getMetadataMap()).isEmpty();
  }

  @Test
  void aTopicMessageNamesThePatternThatMatched() {
    InvokeRequest r =
        encode("on_order", Message.topic("orders.created.eu", "evt-1", Optional.empty()));
    assertThat(r.getMessageType()).isEqualTo("topic");
    assertThat(r.getTopic()).isEqualTo("orders.*");
    assertThat(r.getFunctionName()).isEmpty();
    assertThat(r.getUid()).isEqualTo("inv-1");
  }

  @Test
  void aPatternSharedByTwoHandlersIsDeliveredAsACallOfEach() {
    // The agent would run both handlers per topic message; each already has its own invocation.
    InvokeRequest r = encode("audit_b", Message.topic("audit.login", "evt-1", Optional.empty()));
    assertThat(r.getMessageType()).isEqualTo("function");
    assertThat(r.getFunctionName()).isEqualTo("audit_b");
  }

  @Test
  void aScheduleFireIsACallOfTheFunction() {
    InvokeRequest r = encode("add", Message.schedule("nightly"));
    assertThat(r.getMessageType()).isEqualTo("function");
    assertThat(r.getFunctionName()).isEqualTo("add");
  }
}
