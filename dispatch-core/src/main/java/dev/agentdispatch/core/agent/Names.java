package dev.agentdispatch.core.agent;

import java.util.regex.Pattern;

/** The naming rule for namespaces, agents and functions: safe in URLs, topics and file names. */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_\\-]{0,127}");

  private Names() {}

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * Throws {@link IllegalArgumentException} naming {@code what} when {@code name} breaks the rule.
   */
  public static String require(String name, String what) {
    if (!valid(name)) {
      throw new IllegalArgumentException(
          what
              + " '"
              + name
              + "' is invalid: use 1-128 letters, digits, '_' or '-', starting with a letter or digit");
    }
    return name;
  }
}
