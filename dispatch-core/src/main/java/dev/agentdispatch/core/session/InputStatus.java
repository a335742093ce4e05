package dev.agentdispatch.core.session;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/**
 * Where a stored session input stands. It moves only forward: {@code queued → started}, {@code
 * steered → consumed}, {@code steered → queued} (the run ended without taking it), or stays {@code
 * rejected} / {@code resumed}.
 */
public enum InputStatus implements WireEnum {
  /** Waiting in the session's queue for a run of its own. */
  QUEUED,
  /** Handed to the active run (delivered with heartbeats) and not yet taken. */
  STEERED,
  /** Taken by the run it was steered to, which finished keeping its work. */
  CONSUMED,
  /** The payload of a run. */
  STARTED,
  /** Resumed a run that was waiting for input. */
  RESUMED,
  /** Refused; kept only so a repeated idempotency key gets the same answer. */
  REJECTED;

  /** Parses the wire form, case-insensitively; empty when it names no constant. */
  public static Optional<InputStatus> parse(String value) {
    return WireEnum.parse(InputStatus.class, value);
  }
}
