package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.client.InvokeOptions;
import org.junit.jupiter.api.Test;

class LeaseContextTest {
  private final java.util.List<dev.agentdispatch.sdk.model.WorkerEvent> reported =
      new java.util.ArrayList<>();
  private final LeaseContext context =
      new LeaseContext(
          new RunningLease(RunningLeaseTest.lease("l1", "greet")),
          DispatchClient.builder().build(),
          new StreamingLogger(
              org.slf4j.LoggerFactory.getLogger("test"),
              "inv-l1",
              e -> {},
              java.time.Clock.systemUTC()),
          reported::add);

  @Test
  void reportQueuesEventsOfTheKnownTypesOnly() {
    context.report("progress", java.util.Map.of("done", 3));
    assertThat(reported)
        .singleElement()
        .satisfies(e -> {
          assertThat(e.type()).isEqualTo("progress");
          assertThat(e.data().path("done").asInt()).isEqualTo(3);
        });
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> context.report("shout", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'shout'");
  }

  @Test
  void childInvocationsJoinTheTraceUnderThisInvocation() {
    InvokeOptions child = context.asChild(InvokeOptions.builder().priority(9).build());

    assertThat(child.traceId()).contains("trace");
    assertThat(child.parentId()).contains("inv-l1");
    assertThat(child.priority()).contains(9);
  }

  @Test
  void explicitTraceAndParentAreKept() {
    InvokeOptions child =
        context.asChild(InvokeOptions.builder().traceId("other").parentId("p").build());

    assertThat(child.traceId()).contains("other");
    assertThat(child.parentId()).contains("p");
  }

  @Test
  void noContextOutsideAHandler() {
    assertThat(Context.current()).isEmpty();
  }

  @Test
  void exposesTheLeaseIds() {
    assertThat(context.invocationId()).isEqualTo("inv-l1");
    assertThat(context.functionName()).isEqualTo("greet");
    assertThat(context.agentName()).isEqualTo("agent");
    assertThat(context.parentId()).isEmpty();
    assertThat(context.isCancelled()).isFalse();
  }
}
