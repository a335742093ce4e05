package dev.agentdispatch.bench.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JDK the harness runs on: its {@code java} starts servers, its {@code jcmd} reads their heap.
 */
final class Jvm {
  private Jvm() {}

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** A tool next to this JVM's {@code java}, or the bare name (then PATH decides). */
  static String tool(String name) {
    Path bin = Path.of(java()).getParent();
    if (bin != null && Files.isExecutable(bin.resolve(name))) {
      return bin.resolve(name).toString();
    }
    return name;
  }
}
