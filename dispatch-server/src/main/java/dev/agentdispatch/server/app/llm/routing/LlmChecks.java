package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.core.llm.LlmFormat;
import dev.agentdispatch.core.wire.WireEnum;
import dev.agentdispatch.server.app.ServiceException;
import java.util.regex.Pattern;

/**
 * The field checks of the routing configuration, shared by its requests, the router and the
 * configuration file so that each refuses the same input with the same words.
 */
public final class LlmChecks {
  /** Longest model name or alias: provider model ids are well below this. */
  public static final int MAX_MODEL_LENGTH = 200;

  /** Anything printable without spaces: model ids contain dots, colons, slashes and at signs. */
  private static final Pattern MODEL = Pattern.compile("[\\x21-\\x7E]{1," + MAX_MODEL_LENGTH + "}");

  /** An alias is also a path segment of the admin API, so no slash. */
  private static final Pattern ALIAS =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@\\-]{0," + (MAX_MODEL_LENGTH - 1) + "}");

  private LlmChecks() {}

  /** A model name: 1 to 200 printable ASCII characters without spaces. */
  public static String model(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new ServiceException.Invalid("'" + field + "' is required");
    }
    if (!MODEL.matcher(value).matches()) {
      throw new ServiceException.Invalid(
          "'"
              + field
              + "' must be 1 to "
              + MAX_MODEL_LENGTH
              + " printable characters without spaces, got '"
              + value
              + "'");
    }
    return value;
  }

  /** An alias name: like a model name, starting with a letter or digit, without slashes. */
  public static String alias(String value, String field) {
    if (value == null || !ALIAS.matcher(value).matches()) {
      throw new ServiceException.Invalid(
          "'"
              + field
              + "' must be 1 to "
              + MAX_MODEL_LENGTH
              + " letters, digits, '.', ':', '@', '_' or '-', starting with a letter or digit,"
              + " got '"
              + value
              + "'");
    }
    return value;
  }

  /** A wire format: {@code openai} or {@code anthropic}. */
  public static LlmFormat format(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ServiceException.Invalid(
          "'" + field + "' is required: one of " + WireEnum.choices(LlmFormat.class));
    }
    return WireEnum.parse(LlmFormat.class, value)
        .orElseThrow(() ->
            new ServiceException.Invalid(
                "'"
                    + field
                    + "' must be one of "
                    + WireEnum.choices(LlmFormat.class)
                    + ", got '"
                    + value
                    + "'"));
  }
}
