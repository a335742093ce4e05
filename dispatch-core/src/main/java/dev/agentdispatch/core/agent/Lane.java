package dev.agentdispatch.core.agent;

import java.util.Objects;
import java.util.Optional;

/**
 * An execution class of an agent: invocations that name this lane share its cap, and its reserved
 * slots of the agent's cap are kept free for it, so one kind of work (batch) cannot take every slot
 * from another (interactive).
 *
 * @param maxConcurrency the most of the lane's invocations running at once; absent means only the
 *     agent's cap applies
 * @param reserved slots of the agent's {@code max_concurrency} that other lanes may not take while
 *     this lane does not use them
 */
public record Lane(String name, Optional<Integer> maxConcurrency, int reserved) {
  public Lane {
    Names.require(name, "lane name");
    Objects.requireNonNull(maxConcurrency, "maxConcurrency is null");
    maxConcurrency.ifPresent(n -> Limits.requireCap(n, "max_concurrency of lane " + name));
    if (reserved < 0 || reserved > Limits.MAX_CAP) {
      throw new IllegalArgumentException(
          "reserved of lane "
              + name
              + " must be between 0 and "
              + Limits.MAX_CAP
              + ", got "
              + reserved);
    }
  }
}
