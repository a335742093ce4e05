package dev.agentdispatch.core.session;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/**
 * What a session input does to a run that is already active (DESIGN §8, LangGraph's
 * double-texting).
 */
public enum InputStrategy implements WireEnum {
  /** Refuse the input while a run is active. */
  REJECT,
  /** Run the input after the active run (and after inputs queued before it). The default. */
  ENQUEUE,
  /** Cancel the active run, keep what it did, and run the input next. */
  INTERRUPT,
  /** Cancel the active run, discard its state changes, and run the input next. */
  ROLLBACK,
  /** Hand the input to the active run mid-run; if the run ends without taking it, run it next. */
  STEER;

  public static final InputStrategy DEFAULT = ENQUEUE;

  /** Parses the wire form (case-insensitive). */
  public static Optional<InputStrategy> parse(String value) {
    return WireEnum.parse(InputStrategy.class, value);
  }

  /** The wire forms, for error messages. */
  public static String choices() {
    return WireEnum.choices(InputStrategy.class);
  }
}
