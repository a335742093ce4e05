package dev.agentdispatch.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JVM process from outside: CPU time from the OS ({@link ProcessHandle}), heap use through
 * {@code jcmd <pid> GC.heap_info} (optionally after {@code GC.run}, for the live set).
 */
public final class ProcessProbe {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  private ProcessProbe() {}

  /** Total CPU time the process has used so far, in nanoseconds. */
  public static OptionalLong cpuNanos(long pid) {
    Optional<Duration> cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration());
    return cpu.map(d -> OptionalLong.of(d.toNanos())).orElse(OptionalLong.empty());
  }

  /**
   * Heap in use, in bytes; after a full GC when {@code liveOnly} (the retained set, not garbage).
   */
  public static OptionalLong heapUsedBytes(long pid, boolean liveOnly) {
    if (liveOnly) {
      jcmd(pid, "GC.run");
    }
    Optional<String> info = jcmd(pid, "GC.heap_info");
    if (info.isEmpty()) {
      return OptionalLong.empty();
    }
    Matcher m = USED.matcher(info.get());
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
  }

  private static Optional<String> jcmd(long pid, String command) {
    try {
      Process p =
          new ProcessBuilder(Jvm.tool("jcmd"), Long.toString(pid), command)
              .redirectErrorStream(true)
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
