package dev.agentdispatch.runtime.routing;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Validation shared by the routers. */
final class ProviderNames {
  private ProviderNames() {}

  /** Strips names; blank or duplicate names fail. */
  static List<String> normalise(List<String> names) {
    Objects.requireNonNull(names, "providers is null");
    Set<String> seen = new HashSet<>();
    return names.stream()
        .map(n -> {
          String s = Objects.requireNonNull(n, "provider name is null").strip();
          if (s.isEmpty()) {
            throw new IllegalArgumentException("provider names must be non-empty strings");
          }
          if (!seen.add(s)) {
            throw new IllegalArgumentException("duplicate provider name: '" + s + "'");
          }
          return s;
        })
        .toList();
  }

  /** Whether the select() inputs are usable; the routers return empty otherwise. */
  static boolean validInput(int attempt, String current, Collection<String> exclude) {
    return attempt >= 1 && current != null && !current.isBlank() && exclude != null;
  }

  static boolean allowed(String name, String current, Collection<String> exclude) {
    return !name.equals(current.strip()) && !exclude.contains(name);
  }
}
