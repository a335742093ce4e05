package dev.agentdispatch.core.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicsTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "a.b, a.b, true",
    "a.b, a.b.c, false",
    "a.b, a, false",
    "a.*.c, a.x.c, true",
    "a.*.c, a.x.y.c, false",
    "a.*.c, a.c, false",
    "a.*, a.b, true",
    "a.*, a.b.c.d, true",
    "a.*, a, false",
    "github.*, github.pull_request.opened, true",
    "*, anything, true",
    "*, any.thing, true",
    "*.b, a.b, true",
    "*.b, a.b.c, false",
    "*.*, a.b.c, true",
    "a.*.*, a.b, false",
    "a.b.*, a.c.d, false"
  })
  void matchingTable(String pattern, String topic, boolean expected) {
    assertThat(Topics.matches(Topics.requirePattern(pattern), Topics.requireTopic(topic)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "'', empty",
    "a..b, empty segment",
    ".a, empty segment",
    "a., empty segment",
    "a b, invalid segment",
    "a.*, wildcards are only",
    "a.b$, invalid segment"
  })
  void badTopicsAreRefusedWithTheReason(String topic, String reason) {
    assertThatThrownBy(() -> Topics.requireTopic(topic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @CsvSource({
    "a..*, empty segment",
    "a.b*, invalid segment",
    "**, invalid segment",
    "a.#, invalid segment"
  })
  void badPatternsAreRefusedWithTheReason(String pattern, String reason) {
    assertThatThrownBy(() -> Topics.requirePattern(pattern)).hasMessageContaining(reason);
  }

  @Property(tries = 300)
  void aTopicMatchesItselfAndEveryOneSegmentWildcardOfItself(
      @ForAll("topics") String topic, @ForAll int seed) {
    assertThat(Topics.matches(topic, topic)).isTrue();
    String[] segments = topic.split("\\.");
    int i = Math.floorMod(seed, segments.length);
    segments[i] = "*";
    assertThat(Topics.matches(String.join(".", segments), topic)).isTrue();
    assertThat(Topics.matches(topic + ".more", topic)).isFalse();
    assertThat(Topics.matches(segments[0].equals("*") ? "*" : segments[0] + ".*", topic))
        .isEqualTo(segments[0].equals("*") || topic.contains("."));
  }

  @Provide
  Arbitrary<String> topics() {
    Arbitrary<String> segment =
        Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(3);
    return segment.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l));
  }
}
