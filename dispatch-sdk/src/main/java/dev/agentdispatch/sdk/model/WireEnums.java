package dev.agentdispatch.sdk.model;

import java.util.Locale;

/**
 * Lenient parsing of wire enum values: case-insensitive, and a fallback for values a newer server
 * sends.
 */
final class WireEnums {
  private WireEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, E unknown) {
    if (value == null) {
      return unknown;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException notKnownYet) {
      return unknown;
    }
  }
}
