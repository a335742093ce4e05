package dev.agentdispatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The store's packages depend on each other in one direction only: shared types (this package) at
 * the bottom, then the per-area APIs, the {@code facade}, the SQL implementation, the databases,
 * and {@code open} on top. Read from the sources, so a reference in code or Javadoc counts.
 */
class PackageCycleTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/agentdispatch/store");
  private static final Pattern REFERENCE =
      Pattern.compile("dev\\.agentdispatch\\.store((?:\\.[a-z]+)*)\\.[A-Z]");

  @Test
  void theStorePackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses)
        .containsKeys("", "invocation", "session", "facade", "sql", "sqlite", "postgres", "open");
    assertThat(cycle(uses)).as("a package cycle").isEmpty();
  }

  /**
   * Package (relative to the store root, "" for the root) to the store packages its sources name.
   */
  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
        Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          String target = m.group(1).isEmpty() ? "" : m.group(1).substring(1);
          if (!target.equals(pkg)) {
            used.add(target);
          }
        }
      }
    }
    return uses;
  }

  private static Optional<List<String>> cycle(Map<String, Set<String>> uses) {
    Set<String> done = new HashSet<>();
    for (String start : uses.keySet()) {
      Optional<List<String>> found = cycleFrom(start, uses, new ArrayList<>(), done);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> cycleFrom(
      String pkg, Map<String, Set<String>> uses, List<String> path, Set<String> done) {
    if (path.contains(pkg)) {
      List<String> loop = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
      loop.add(pkg);
      return Optional.of(loop);
    }
    if (!done.add(pkg)) {
      return Optional.empty();
    }
    path.add(pkg);
    for (String next : uses.getOrDefault(pkg, Set.of())) {
      Optional<List<String>> found = cycleFrom(next, uses, path, done);
      if (found.isPresent()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    return Optional.empty();
  }
}
