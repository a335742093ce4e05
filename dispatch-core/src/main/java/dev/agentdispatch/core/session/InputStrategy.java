package dev.agentdispatch.core.session;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a session input does to a run that is already active (DESIGN §8, LangGraph's double-texting). */
public enum InputStrategy {
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

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form (case-insensitive). */
  public static Optional<InputStrategy> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.wire().equalsIgnoreCase(value)).findFirst();
  }

  /** The wire forms, for error messages. */
  public static String choices() {
    return String.join(", ", Arrays.stream(values()).map(InputStrategy::wire).toList());
  }
}
