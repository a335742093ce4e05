package dev.agentdispatch.examples.greeter;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/**
 * Input of the greeter's functions.
 *
 * @param name who to greet
 * @param language a language code such as {@code en}, {@code fr} or {@code es}; English when absent
 */
public record GreetRequest(
    @JsonPropertyDescription("Who to greet") String name,
    @JsonPropertyDescription("Language code: en, de, es, fr, it or pt (default en)")
        Optional<String> language) {

  /** Treats a missing language as absent. */
  public GreetRequest {
    language = language == null ? Optional.empty() : language;
  }

  /**
   * Creates a request in the default language.
   *
   * @param name who to greet
   * @return the request
   */
  public static GreetRequest of(String name) {
    return new GreetRequest(name, Optional.empty());
  }
}
