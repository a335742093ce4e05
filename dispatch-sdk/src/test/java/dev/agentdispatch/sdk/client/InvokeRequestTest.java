package dev.agentdispatch.sdk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.agentdispatch.sdk.json.Json;
import dev.agentdispatch.sdk.model.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InvokeRequestTest {
  @Test
  void optionsBecomeSnakeCaseFieldsWithWholeSeconds() {
    InvokeOptions options =
        InvokeOptions.builder()
            .idempotencyKey("order-42")
            .priority(7)
            .timeout(Duration.ofMillis(1500))
            .attemptTimeout(Duration.ofSeconds(30))
            .retry(RetryPolicy.defaults().withMaxAttempts(1))
            .traceId("t")
            .parentId("p")
            .delay(Duration.ofSeconds(5))
            .build();
    JsonNode payload = Json.payload().createObjectNode().put("name", "Ada");

    JsonNode json = Json.wire().valueToTree(InvokeRequest.of("greeter", "greet", payload, options));

    assertThat(json.path("agent").asString()).isEqualTo("greeter");
    assertThat(json.path("payload").path("name").asString()).isEqualTo("Ada");
    assertThat(json.path("idempotency_key").asString()).isEqualTo("order-42");
    assertThat(json.path("priority").asInt()).isEqualTo(7);
    assertThat(json.path("timeout_seconds").asLong()).isEqualTo(2); // rounded up, never shorter
    assertThat(json.path("attempt_timeout_seconds").asLong()).isEqualTo(30);
    assertThat(json.path("retry").path("max_attempts").asInt()).isEqualTo(1);
    assertThat(json.path("trace_id").asString()).isEqualTo("t");
    assertThat(json.path("parent_id").asString()).isEqualTo("p");
    assertThat(json.path("delay_seconds").asLong()).isEqualTo(5);
    assertThat(json.has("session_id")).isFalse();
    assertThat(json.has("lane")).isFalse();
    assertThat(json.has("debounce_key")).isFalse();
  }

  @Test
  void laneAndDebounceKeyAreSentAsTheServerNamesThem() {
    InvokeOptions options =
        InvokeOptions.builder().lane("interactive").debounceKey("doc-7").build();

    JsonNode json =
        Json.wire()
            .valueToTree(InvokeRequest.of("a", "f", Json.payload().createObjectNode(), options));

    assertThat(json.path("lane").asString()).isEqualTo("interactive");
    assertThat(json.path("debounce_key").asString()).isEqualTo("doc-7");
    assertThat(options.toBuilder().build()).isEqualTo(options);
  }

  @Test
  void noOptionsSendsOnlyTheRequiredFields() {
    JsonNode json =
        Json.wire()
            .valueToTree(
                InvokeRequest.of(
                    "a", "f", Json.payload().createObjectNode(), InvokeOptions.none()));
    assertThat(json.propertyNames()).containsExactlyInAnyOrder("agent", "function", "payload");
  }

  @Test
  void optionsOutsideTheContractAreRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InvokeOptions.builder().priority(10).build())
        .withMessage("priority must be in 0..9, got 10");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InvokeOptions.builder().timeout(Duration.ofDays(2)).build())
        .withMessageContaining("timeout must be between 1s and 24h");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InvokeOptions.builder().delay(Duration.ofSeconds(-1)).build())
        .withMessageContaining("delay must not be negative");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InvokeOptions.builder().lane(" ").build())
        .withMessage("lane must not be blank, got ' '");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> InvokeOptions.builder().debounceKey("").build())
        .withMessage("debounceKey must not be blank, got ''");
  }

  @Test
  void filterBuildsTheQueryInAStableOrder() {
    InvocationFilter filter =
        InvocationFilter.builder()
            .status(dev.agentdispatch.sdk.model.InvocationStatus.TIMED_OUT)
            .agent("greeter")
            .traceId("t 1")
            .deadLetter(true)
            .limit(50)
            .build()
            .withCursor("c/2");

    assertThat(UrlParts.query(filter.toQuery()))
        .isEqualTo(
            "?status=timed_out&agent=greeter&trace_id=t%201&dead_letter=true&limit=50&cursor=c%2F2");
    assertThat(UrlParts.query(InvocationFilter.all().toQuery())).isEmpty();
  }
}
