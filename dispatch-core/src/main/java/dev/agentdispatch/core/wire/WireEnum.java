package dev.agentdispatch.core.wire;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose constants travel on the wire and in the database as their lower-case names (e.g.
 * {@code WAITING_FOR_INPUT} as {@code waiting_for_input}). Implementing it gives {@link #wire()};
 * the static helpers parse and list the wire forms, so each enum needs no hand-written copies of
 * them.
 */
public interface WireEnum {

  /** The constant's name; every enum already has it. */
  String name();

  /** The lower-case form used on the wire and in the database. */
  default String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant of {@code type} whose wire form equals {@code value} ignoring case (peer systems
   * disagree on case); empty when none does or {@code value} is null, so each caller decides how to
   * report it.
   */
  static <E extends Enum<E> & WireEnum> Optional<E> parse(Class<E> type, String value) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> e.wire().equalsIgnoreCase(value))
        .findFirst();
  }

  /** The wire forms of {@code type}, comma-separated in declaration order, for error messages. */
  static <E extends Enum<E> & WireEnum> String choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(WireEnum::wire)
        .collect(Collectors.joining(", "));
  }
}
