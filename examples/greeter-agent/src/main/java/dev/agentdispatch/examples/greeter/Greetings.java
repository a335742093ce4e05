package dev.agentdispatch.examples.greeter;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The greeting phrases the agent knows. */
final class Greetings {
  static final String DEFAULT_LANGUAGE = "en";

  private static final Map<String, String> PHRASES =
      Map.of(
          "en", "Hello, %s!",
          "de", "Hallo, %s!",
          "es", "¡Hola, %s!",
          "fr", "Bonjour, %s !",
          "it", "Ciao, %s!",
          "pt", "Olá, %s!");

  private Greetings() {}

  /** The phrase for a language code, if the agent knows it. */
  static Optional<String> phrase(String language) {
    return Optional.ofNullable(PHRASES.get(language.trim().toLowerCase(Locale.ROOT)));
  }

  static String greet(String name, String language) {
    return String.format(phrase(language).orElseThrow(), name.strip());
  }
}
