package dev.agentdispatch.core.invocation;

/** What kind of message started an invocation; workers see it as {@code message.type}. */
public enum MessageKind {
  FUNCTION,
  TOPIC,
  SCHEDULE;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static MessageKind fromWire(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
