package dev.agentdispatch.runtime.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OutputSpecTest {

  @Test
  void jsonStripsFencesAndChecksTypeAndKeys() {
    JsonOutputSpec spec = JsonOutputSpec.object("answer", "confidence");
    assertThat(spec.parse("```json\n{\"answer\": \"42\", \"confidence\": 0.9}\n```"))
        .isEqualTo(Map.of("answer", "42", "confidence", 0.9));
    assertThatThrownBy(() -> spec.parse("{\"answer\": \"42\"}"))
        .isInstanceOf(OutputValidationException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("output is missing required keys: [confidence]");
    assertThatThrownBy(() -> spec.parse("[1, 2]"))
        .hasMessage("output must be a JSON object, got array");
    assertThatThrownBy(() -> spec.parse("the answer is 42"))
        .hasMessageStartingWith("output is not valid JSON");
    JsonOutputSpec keepFences = new JsonOutputSpec(List.of(), Optional.empty(), false);
    assertThatThrownBy(() -> keepFences.parse("```\n[1]\n```"))
        .isInstanceOf(OutputValidationException.class);
    assertThat(JsonOutputSpec.any().parse(" [1, \"a\"] ")).isEqualTo(List.of(1, "a"));
  }

  @Test
  void jsonSchemaListsEveryViolation() {
    JsonSchemaOutputSpec spec =
        new JsonSchemaOutputSpec(
            "{\"type\":\"object\",\"required\":[\"answer\"],"
                + "\"properties\":{\"answer\":{\"type\":\"string\"},"
                + "\"confidence\":{\"type\":\"number\",\"maximum\":1}}}");
    assertThat(spec.parse("```json\n{\"answer\":\"42\",\"confidence\":0.5}\n```"))
        .isEqualTo(Map.of("answer", "42", "confidence", 0.5));
    assertThatThrownBy(() -> spec.parse("{\"answer\": 42, \"confidence\": 2}"))
        .isInstanceOf(OutputValidationException.class)
        .hasMessageStartingWith("output violates the schema: ")
        .hasMessageContaining("/answer")
        .hasMessageContaining("/confidence");
    assertThatThrownBy(() -> new JsonSchemaOutputSpec("{not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("schema is not valid JSON");
  }

  @Test
  void regexReturnsTheNamedGroups() {
    RegexOutputSpec search = new RegexOutputSpec("score: (?<score>\\d+)(?: of (?<max>\\d+))?");
    assertThat(search.parse("The score: 7 of 10, final."))
        .containsExactly(Map.entry("score", "7"), Map.entry("max", "10"));
    assertThat(search.parse("score: 7")).containsExactly(Map.entry("score", "7"));
    RegexOutputSpec full = new RegexOutputSpec(Pattern.compile("(?<word>[a-z]+)"), true);
    assertThat(full.parse("yes")).containsEntry("word", "yes");
    assertThatThrownBy(() -> full.parse("yes!"))
        .isInstanceOf(OutputValidationException.class)
        .hasMessage("output does not fully match /(?<word>[a-z]+)/");
  }

  @Test
  void aCallableSpecTurnsItsFailuresIntoViolations() {
    CallableOutputSpec<Integer> number = new CallableOutputSpec<>(Integer::parseInt);
    assertThat(number.parse("12")).isEqualTo(12);
    assertThatThrownBy(() -> number.parse("twelve"))
        .isInstanceOf(OutputValidationException.class)
        .hasMessageStartingWith("output rejected: NumberFormatException");
    CallableOutputSpec<String> own =
        new CallableOutputSpec<>(s -> {
          throw new OutputValidationException("too short");
        });
    assertThatThrownBy(() -> own.parse("x")).hasMessage("too short");
  }
}
