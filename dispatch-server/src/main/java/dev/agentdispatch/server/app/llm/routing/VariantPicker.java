package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmVariant;
import dev.agentdispatch.core.llm.StickyBy;
import dev.agentdispatch.server.app.llm.CallAttribution;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Picks an experiment's variant for a call, by weight. The pick is a pure function of the
 * experiment's name and the call's sticky key, so every call of a session (or trace) lands in the
 * same variant on every node and across restarts, with no state kept; different experiments split
 * the same sessions independently.
 */
public final class VariantPicker {
  private final DoubleSupplier random;

  /**
   * @param random a uniform number in [0, 1), for calls that carry neither a session nor a trace
   */
  public VariantPicker(DoubleSupplier random) {
    this.random = random;
  }

  /**
   * The call's sticky key: the id the experiment is sticky by, else the other one (a session's
   * calls without a trace, or a trace outside any session, still stick to something); empty when
   * the call has neither.
   */
  public static Optional<String> stickyKey(LlmExperiment e, CallAttribution who) {
    return e.stickyBy() == StickyBy.SESSION
        ? who.sessionId().or(who::traceId)
        : who.traceId().or(who::sessionId);
  }

  /** The variant the call falls into: sticky by its key, random without one. */
  public LlmVariant pick(LlmExperiment e, CallAttribution who) {
    double point = stickyKey(e, who).map(k -> unit(e.name(), k)).orElseGet(random::getAsDouble);
    return at(e.variants(), point * e.totalWeight());
  }

  /** The variant whose cumulative weight range holds {@code point}. */
  private static LlmVariant at(List<LlmVariant> variants, double point) {
    double upTo = 0;
    for (LlmVariant v : variants) {
      upTo += v.weight();
      if (point < upTo) {
        return v;
      }
    }
    return variants.get(variants.size() - 1); // rounding at the very top of the range
  }

  /** A uniform number in [0, 1) from a hash of the experiment and the key. */
  static double unit(String experiment, String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(experiment.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
      long bits = ByteBuffer.wrap(digest).getLong() >>> 11; // 53 bits: exact in a double
      return bits * 0x1.0p-53;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
