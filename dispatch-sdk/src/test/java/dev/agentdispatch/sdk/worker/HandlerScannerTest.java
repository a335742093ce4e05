package dev.agentdispatch.sdk.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.agentdispatch.sdk.model.FunctionSpec;
import dev.agentdispatch.sdk.model.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HandlerScannerTest {
  record In(String name) {}

  record Out(String message) {}

  public static class Good {
    @Fn(
        description = "says hi",
        maxAttempts = 5,
        timeoutSeconds = 60,
        attemptTimeoutSeconds = 10,
        nonRetryable = IllegalStateException.class)
    public Out greet(In in) {
      return new Out("hi " + in.name());
    }

    @Fn(name = "greet.with-context")
    public Out withContext(Context ctx, In in) {
      return new Out(ctx.invocationId());
    }

    @Fn
    public void fire(In in, Context ctx) {}

    public Out notAnnotated(In in) {
      return null;
    }
  }

  public static class Bad {
    @Fn
    public String returnsString(In in) {
      return "";
    }

    @Fn
    public Out takesString(String s) {
      return null;
    }

    @Fn
    public Out takesNothing() {
      return null;
    }

    @Fn
    public Out twoRecords(In a, In b) {
      return null;
    }

    @Fn
    public Out twoContexts(Context a, Context b) {
      return null;
    }

    @Fn
    public static Out isStatic(In in) {
      return null;
    }

    @Fn
    Out notPublic(In in) {
      return null;
    }

    @Fn(name = "has space")
    public Out badName(In in) {
      return null;
    }
  }

  public static class SameName {
    @Fn(name = "greet")
    public Out other(In in) {
      return null;
    }
  }

  public static class Child extends Good {
    @Override
    @Fn(description = "overridden")
    public Out greet(In in) {
      return new Out("child");
    }
  }

  @Test
  void findsAnnotatedMethodsWithNamesAndContextPositions() {
    Map<String, FunctionHandler> handlers = byName(HandlerScanner.scan(List.of(new Good())));

    assertThat(handlers).containsOnlyKeys("greet", "greet.with-context", "fire");
    assertThat(handlers.get("greet").contextIndex()).isEqualTo(-1);
    assertThat(handlers.get("greet.with-context").contextIndex()).isZero();
    assertThat(handlers.get("fire").contextIndex()).isEqualTo(1);
    assertThat(handlers.get("fire").outputType()).isEmpty();
    assertThat(handlers.get("greet").inputType()).isEqualTo(In.class);
  }

  @Test
  void annotationSettingsGoIntoTheRegistration() {
    FunctionSpec greet = byName(HandlerScanner.scan(List.of(new Good()))).get("greet").spec();

    assertThat(greet.description()).contains("says hi");
    assertThat(greet.timeoutSeconds()).contains(60);
    assertThat(greet.attemptTimeoutSeconds()).contains(10);
    assertThat(greet.retry())
        .hasValueSatisfying(r -> {
          assertThat(r.maxAttempts()).isEqualTo(5);
          assertThat(r.nonRetryableErrors()).containsExactly("IllegalStateException");
          assertThat(r.initialBackoffMs()).isEqualTo(RetryPolicy.DEFAULT_INITIAL_BACKOFF_MS);
        });
    assertThat(greet.inputSchema())
        .hasValueSatisfying(
            s -> assertThat(s.path("required").path(0).asString()).isEqualTo("name"));
    assertThat(greet.outputSchema()).isPresent();
    assertThat(greet.triggers())
        .singleElement()
        .satisfies(t -> assertThat(t.type()).isEqualTo("callable"));
  }

  @Test
  void functionsWithoutOverridesLeaveRetryAndTimeoutsToTheServer() {
    FunctionSpec fire = byName(HandlerScanner.scan(List.of(new Good()))).get("fire").spec();

    assertThat(fire.retry()).isEmpty();
    assertThat(fire.timeoutSeconds()).isEmpty();
    assertThat(fire.description()).isEmpty();
    assertThat(fire.outputSchema()).isEmpty();
  }

  @Test
  void everyBadSignatureIsReportedAtOnceWithTheMethodAndTheRule() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HandlerScanner.scan(List.of(new Bad())))
        .withMessageContaining(
            "Bad.returnsString(In): returns String, but an @Fn method returns a record or void")
        .withMessageContaining(
            "Bad.takesString(String): takes a String, but the payload parameter must be a record")
        .withMessageContaining(
            "Bad.takesNothing(): takes (), but an @Fn method takes exactly one record")
        .withMessageContaining("Bad.twoRecords(In, In): takes (In, In)")
        .withMessageContaining("Bad.twoContexts(Context, Context): takes (Context, Context)")
        .withMessageContaining("Bad.isStatic(In): must not be static")
        .withMessageContaining("Bad.notPublic(In): must be public")
        .withMessageContaining("Bad.badName(In): function name 'has space' must match");
  }

  @Test
  void duplicateNamesAcrossObjectsAreRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HandlerScanner.scan(List.of(new Good(), new SameName())))
        .withMessageContaining("function name 'greet' is used by more than one @Fn method");
  }

  @Test
  void objectWithoutFnMethodsIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HandlerScanner.scan(List.of("a string")))
        .withMessageContaining("java.lang.String has no @Fn or @On methods");
  }

  @Test
  void overridingMethodHidesTheOneItOverrides() {
    Map<String, FunctionHandler> handlers = byName(HandlerScanner.scan(List.of(new Child())));

    assertThat(handlers).containsOnlyKeys("greet", "greet.with-context", "fire");
    assertThat(handlers.get("greet").spec().description()).isEqualTo(Optional.of("overridden"));
  }

  private static Map<String, FunctionHandler> byName(List<FunctionHandler> handlers) {
    return handlers.stream().collect(Collectors.toMap(FunctionHandler::name, Function.identity()));
  }
}
