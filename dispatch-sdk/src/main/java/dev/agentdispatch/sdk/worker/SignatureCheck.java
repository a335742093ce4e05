package dev.agentdispatch.sdk.worker;

import dev.agentdispatch.sdk.model.FunctionSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The rules an {@link Fn} method must follow, each broken rule as a readable message. */
final class SignatureCheck {
  private SignatureCheck() {}

  static List<String> problems(Method method) {
    List<String> problems = new ArrayList<>();
    int modifiers = method.getModifiers();
    if (!Modifier.isPublic(modifiers)) {
      problems.add("must be public");
    }
    if (Modifier.isStatic(modifiers)) {
      problems.add("must not be static (the worker calls it on the object you register)");
    }
    problems.addAll(parameterProblems(method.getParameterTypes()));
    Class<?> returned = method.getReturnType();
    if (returned != void.class && !returned.isRecord()) {
      problems.add(
          "returns " + returned.getSimpleName() + ", but an @Fn method returns a record or void");
    }
    problems.addAll(annotationProblems(method));
    return problems;
  }

  private static List<String> parameterProblems(Class<?>[] params) {
    long contexts = Arrays.stream(params).filter(p -> p == Context.class).count();
    List<Class<?>> others =
        Arrays.stream(params).filter(p -> p != Context.class).collect(Collectors.toList());
    if (params.length == 0 || params.length > 2 || contexts > 1 || others.size() != 1) {
      return List.of(
          "takes ("
              + names(params)
              + "), but an @Fn method takes exactly one record, "
              + "optionally with a Context before or after it");
    }
    Class<?> input = others.get(0);
    return input.isRecord()
        ? List.of()
        : List.of(
            "takes a " + input.getSimpleName() + ", but the payload parameter must be a record");
  }

  private static List<String> annotationProblems(Method method) {
    List<String> problems = new ArrayList<>();
    String name = HandlerScanner.functionName(method);
    if (!HandlerScanner.NAME.matcher(name).matches()) {
      problems.add("function name '" + name + "' must match " + HandlerScanner.NAME.pattern());
    }
    Triggers.fn(method)
        .ifPresent(fn -> {
          if (fn.maxAttempts() < 0 || fn.timeoutSeconds() < 0 || fn.attemptTimeoutSeconds() < 0) {
            problems.add(
                "maxAttempts, timeoutSeconds and attemptTimeoutSeconds must not be negative");
          }
          capProblem("maxConcurrency", fn.maxConcurrency()).ifPresent(problems::add);
          capProblem("keyConcurrency", fn.keyConcurrency()).ifPresent(problems::add);
        });
    for (On on : method.getAnnotationsByType(On.class)) {
      if (on.value().isBlank()) {
        problems.add("@On needs a topic pattern");
      }
    }
    return problems;
  }

  private static Optional<String> capProblem(String name, int value) {
    if (value >= 0 && value <= FunctionSpec.MAX_CONCURRENCY) {
      return Optional.empty();
    }
    return Optional.of(
        "@Fn("
            + name
            + " = "
            + value
            + ") must be 0 (no limit) or 1.."
            + FunctionSpec.MAX_CONCURRENCY);
  }

  static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName()
        + "."
        + method.getName()
        + "("
        + names(method.getParameterTypes())
        + ")";
  }

  private static String names(Class<?>[] types) {
    return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
  }
}
