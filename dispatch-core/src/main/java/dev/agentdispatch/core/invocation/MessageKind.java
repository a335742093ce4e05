package dev.agentdispatch.core.invocation;

import dev.agentdispatch.core.wire.WireEnum;
import java.util.Objects;

/** What kind of message started an invocation; workers see it as {@code message.type}. */
public enum MessageKind implements WireEnum {
  FUNCTION,
  TOPIC,
  SCHEDULE;

  /**
   * Parses the wire form, case-insensitively. Throws rather than returning an empty optional
   * because the value comes from the store's own column, where an unknown kind is corrupt data, not
   * bad input.
   *
   * @throws IllegalArgumentException if {@code value} names no kind
   */
  public static MessageKind fromWire(String value) {
    Objects.requireNonNull(value, "value is null");
    return WireEnum.parse(MessageKind.class, value)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "unknown message type '"
                    + value
                    + "', expected one of "
                    + WireEnum.choices(MessageKind.class)));
  }
}
