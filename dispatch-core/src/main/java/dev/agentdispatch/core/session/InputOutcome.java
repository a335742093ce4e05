package dev.agentdispatch.core.session;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/**
 * What became of a session input when it was accepted; fixed at that moment and replayed for
 * duplicates.
 */
public enum InputOutcome implements WireEnum {
  /** No run was active: the input started one. */
  STARTED,
  /** A run was active: the input runs after it. */
  QUEUED,
  /** A run was active and the strategy was {@code reject}: nothing will run it. */
  REJECTED,
  /** The active run was cancelled (its progress kept); the input runs next. */
  INTERRUPTED,
  /** The active run was cancelled and its state changes discarded; the input runs next. */
  ROLLED_BACK,
  /** The input was handed to the active run; it runs next if the run ends without taking it. */
  STEERED,
  /** The active run was waiting for input: this input resumed it. */
  RESUMED;

  /** Parses the wire form, case-insensitively; empty when it names no constant. */
  public static Optional<InputOutcome> parse(String value) {
    return WireEnum.parse(InputOutcome.class, value);
  }
}
