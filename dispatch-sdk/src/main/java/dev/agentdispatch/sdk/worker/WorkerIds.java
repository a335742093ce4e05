package dev.agentdispatch.sdk.worker;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Default worker ids that say where a worker runs: {@code agent@host:pid-suffix}. */
final class WorkerIds {
  private WorkerIds() {}

  static String generate(String agent) {
    String suffix = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
    return agent + "@" + host() + ":" + ProcessHandle.current().pid() + "-" + suffix;
  }

  /** From the environment, not DNS: a lookup of the local name can hang on a broken resolver. */
  private static String host() {
    return Optional.ofNullable(System.getenv("HOSTNAME"))
        .or(() -> Optional.ofNullable(System.getenv("COMPUTERNAME")))
        .filter(h -> !h.isBlank())
        .orElse("localhost");
  }
}
