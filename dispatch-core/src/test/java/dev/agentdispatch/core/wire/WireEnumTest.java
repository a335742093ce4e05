package dev.agentdispatch.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.core.invocation.InvocationStatus;
import dev.agentdispatch.core.invocation.Jitter;
import dev.agentdispatch.core.invocation.MessageKind;
import dev.agentdispatch.core.schedule.Catchup;
import dev.agentdispatch.core.schedule.Overlap;
import dev.agentdispatch.core.session.InputOutcome;
import dev.agentdispatch.core.session.InputStatus;
import dev.agentdispatch.core.session.InputStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireEnumTest {

  @Test
  void wireIsTheLowerCaseName() {
    assertThat(InvocationStatus.WAITING_FOR_INPUT.wire()).isEqualTo("waiting_for_input");
    assertThat(MessageKind.SCHEDULE.wire()).isEqualTo("schedule");
  }

  @Test
  void parseIgnoresCaseAndIsEmptyForUnknownOrNull() {
    assertThat(WireEnum.parse(InvocationStatus.class, "TIMED_OUT"))
        .contains(InvocationStatus.TIMED_OUT);
    assertThat(WireEnum.parse(InvocationStatus.class, "Timed_Out"))
        .contains(InvocationStatus.TIMED_OUT);
    assertThat(WireEnum.parse(InvocationStatus.class, "timed out")).isEmpty();
    assertThat(WireEnum.parse(InvocationStatus.class, "")).isEmpty();
    assertThat(WireEnum.parse(InvocationStatus.class, null)).isEmpty();
  }

  @Test
  void everyWireEnumRoundTripsThroughItsOwnParse() {
    List.of(InvocationStatus.values())
        .forEach(v -> assertThat(InvocationStatus.parse(v.wire())).contains(v));
    List.of(Jitter.values()).forEach(v -> assertThat(Jitter.parse(v.wire())).contains(v));
    List.of(MessageKind.values())
        .forEach(v -> assertThat(MessageKind.fromWire(v.wire())).isEqualTo(v));
    List.of(Catchup.values()).forEach(v -> assertThat(Catchup.parse(v.wire())).contains(v));
    List.of(Overlap.values()).forEach(v -> assertThat(Overlap.parse(v.wire())).contains(v));
    List.of(InputStrategy.values())
        .forEach(v -> assertThat(InputStrategy.parse(v.wire())).contains(v));
    List.of(InputOutcome.values())
        .forEach(v -> assertThat(InputOutcome.parse(v.wire())).contains(v));
    List.of(InputStatus.values()).forEach(v -> assertThat(InputStatus.parse(v.wire())).contains(v));
    List.of(Role.values()).forEach(v -> assertThat(Role.parse(v.wire())).contains(v));
  }

  @Test
  void choicesListTheWireFormsInDeclarationOrder() {
    assertThat(InputStrategy.choices()).isEqualTo("reject, enqueue, interrupt, rollback, steer");
  }

  @Test
  void anUnknownMessageKindIsRefusedWithTheChoices() {
    assertThat(MessageKind.fromWire("TOPIC")).isEqualTo(MessageKind.TOPIC);
    assertThatThrownBy(() -> MessageKind.fromWire("email"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("function, topic, schedule");
  }
}
