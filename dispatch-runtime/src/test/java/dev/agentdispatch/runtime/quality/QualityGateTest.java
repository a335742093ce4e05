package dev.agentdispatch.runtime.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QualityGateTest {
  @Test
  void gate() {
    QualityGate gate = new QualityGate(QualityLevel.STANDARD);
    assertThat(gate.evaluate(Optional.of(QualityLevel.STANDARD)).satisfied()).isTrue();
    assertThat(gate.evaluate(Optional.of(QualityLevel.MINIMAL)).satisfied()).isFalse();
    assertThat(gate.evaluate(Optional.empty()).toMap())
        .containsEntry("satisfied", false)
        .containsEntry("required_level", "STANDARD")
        .containsEntry("observed_level", null);
    assertThat(QualityLevel.MINIMAL.label()).isEqualTo("Minimal");
    assertThat(QualityLevel.ofLevel(4)).isEqualTo(QualityLevel.RELEASE);
    assertThatThrownBy(() ->
            new QualityGateOutcome(true, QualityLevel.RELEASE, Optional.of(QualityLevel.MINIMAL)))
        .hasMessageContaining("satisfied must match");
  }
}
