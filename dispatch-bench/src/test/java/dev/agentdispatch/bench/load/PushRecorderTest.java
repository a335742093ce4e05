package dev.agentdispatch.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class PushRecorderTest {
  @Test
  void readsTheEnqueueStampOfAPayloadAsTheServerForwardsIt() {
    assertThat(PushRecorder.stamp(ByteString.copyFromUtf8("{\"t\":1234567,\"pad\":\"xx\"}")))
        .isEqualTo(1234567);
    assertThat(PushRecorder.stamp(ByteString.copyFromUtf8("{\"pad\":\"x\", \"t\": -42}")))
        .isEqualTo(-42);
    assertThat(PushRecorder.stamp(ByteString.copyFromUtf8("{\"pad\":\"x\"}"))).isZero();
  }

  @Test
  void countsAnInvocationOnceWhenARetriedAttemptArrivesAgain() {
    RunState state = new RunState(1_000_000_000L);
    PushRecorder r = new PushRecorder(state);
    ByteString payload = ByteString.copyFromUtf8("{\"t\":100}");

    assertThat(r.arrived("a", payload, 150)).isTrue();
    assertThat(r.arrived("a", payload, 900)).isFalse();
    r.accepted("a", 130);

    assertThat(r.arrivedCount()).isEqualTo(1);
    assertThat(r.dispatch().max()).isEqualTo(50 / 1e6);
    assertThat(r.fromAccepted().max()).isEqualTo(20 / 1e6);
  }

  @Test
  void readsTheInvocationIdOfACreateAnswer() {
    assertThat(
            PushRun.id("{\"invocation_id\":\"inv_01\",\"trace_id\":\"t\",\"status\":\"pending\"}"))
        .contains("inv_01");
    assertThat(PushRun.id("{}")).isEmpty();
  }
}
