package dev.agentdispatch.runtime.output;

import java.util.Objects;
import java.util.function.Function;

/**
 * Output checked and parsed by a function of yours. An {@link OutputValidationException} it throws
 * passes through; any other {@link RuntimeException} is turned into one with its message, so a
 * parser's own failure (a {@code NumberFormatException}) also leads to a re-ask.
 */
public record CallableOutputSpec<T>(Function<String, T> fn) implements OutputSpec<T> {
  public CallableOutputSpec {
    Objects.requireNonNull(fn, "fn is null");
  }

  @Override
  public T parse(String output) {
    try {
      return fn.apply(output);
    } catch (OutputValidationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new OutputValidationException(
          "output rejected: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
