package dev.agentdispatch.sdk.worker;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the {@link Fn} methods of handler objects and checks their signatures, reporting every
 * problem at once so a developer fixes them in one pass.
 */
final class HandlerScanner {
  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,127}");

  private HandlerScanner() {}

  /** Returns the handlers of all targets, or throws listing every invalid method. */
  static List<FunctionHandler> scan(List<Object> targets) {
    List<FunctionHandler> handlers = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Object target : targets) {
      scanOne(target, handlers, problems);
    }
    checkUniqueNames(handlers, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid @Fn handlers:\n  - " + String.join("\n  - ", problems));
    }
    return List.copyOf(handlers);
  }

  private static void scanOne(
      Object target, List<FunctionHandler> handlers, List<String> problems) {
    List<Method> methods = annotatedMethods(target.getClass());
    if (methods.isEmpty()) {
      problems.add(target.getClass().getName() + " has no @Fn or @On methods");
    }
    for (Method method : methods) {
      List<String> found = SignatureCheck.problems(method);
      if (found.isEmpty()) {
        handlers.add(handler(target, method));
      } else {
        String where = SignatureCheck.describe(method) + ": ";
        found.forEach(p -> problems.add(where + p));
      }
    }
  }

  /** Methods of the class and its superclasses; an override hides the method it overrides. */
  private static List<Method> annotatedMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Method[] declared = c.getDeclaredMethods();
      Arrays.sort(declared, (a, b) -> a.getName().compareTo(b.getName()));
      for (Method m : declared) {
        String signature = m.getName() + Arrays.toString(m.getParameterTypes());
        if (!m.isSynthetic() && seen.add(signature) && Triggers.declaresAny(m)) {
          methods.add(m);
        }
      }
    }
    return methods;
  }

  private static FunctionHandler handler(Object target, Method method) {
    Class<?>[] params = method.getParameterTypes();
    int contextIndex = Arrays.asList(params).indexOf(Context.class);
    Class<?> input = params[contextIndex == 0 ? 1 : 0];
    Optional<Class<?>> output =
        method.getReturnType() == void.class
            ? Optional.empty()
            : Optional.of(method.getReturnType());
    // A public method of a non-public class still needs this to be called reflectively.
    method.trySetAccessible();
    return new FunctionHandler(
        FunctionSpecs.of(
            functionName(method), Triggers.fn(method), Triggers.of(method), input, output),
        target,
        method,
        input,
        output,
        contextIndex);
  }

  static String functionName(Method method) {
    String name = Triggers.fn(method).map(Fn::name).orElse("");
    return name.isBlank() ? method.getName() : name;
  }

  private static void checkUniqueNames(List<FunctionHandler> handlers, List<String> problems) {
    Set<String> names = new HashSet<>();
    List<String> duplicates =
        handlers.stream()
            .map(FunctionHandler::name)
            .filter(n -> !names.add(n))
            .distinct()
            .collect(Collectors.toList());
    duplicates.forEach(
        n -> problems.add("function name '" + n + "' is used by more than one @Fn method"));
  }
}
