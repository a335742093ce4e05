package dev.agentdispatch.core.invocation;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Optional;

/** The lifecycle status of an invocation (DESIGN §2). */
public enum InvocationStatus implements WireEnum {
  PENDING,
  RUNNING,
  WAITING_FOR_INPUT,
  COMPLETED,
  ERROR,
  CANCELLED,
  TIMED_OUT;

  /** True for the four statuses an invocation never leaves except by an explicit retry. */
  public boolean terminal() {
    return this == COMPLETED || this == ERROR || this == CANCELLED || this == TIMED_OUT;
  }

  /** Parses the wire form, case-insensitively (peer systems disagree on case). */
  public static Optional<InvocationStatus> parse(String value) {
    return WireEnum.parse(InvocationStatus.class, value);
  }
}
