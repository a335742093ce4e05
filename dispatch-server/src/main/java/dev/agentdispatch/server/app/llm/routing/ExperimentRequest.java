package dev.agentdispatch.server.app.llm.routing;

import dev.agentdispatch.core.llm.LlmExperiment;
import dev.agentdispatch.core.llm.LlmVariant;
import dev.agentdispatch.core.llm.StickyBy;
import dev.agentdispatch.core.wire.WireEnum;
import dev.agentdispatch.server.app.Check;
import dev.agentdispatch.server.app.ServiceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** An experiment as an operator defines it, checked field by field as it is made. */
public record ExperimentRequest(
    Optional<String> agent, StickyBy stickyBy, List<LlmVariant> variants, boolean enabled) {

  /** The most variants one experiment may split between. */
  public static final int MAX_VARIANTS = 100;

  /** The largest system prompt a variant may carry, in UTF-8 bytes. */
  public static final int MAX_SYSTEM_PROMPT_BYTES = 64 * 1024;

  public ExperimentRequest {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(stickyBy, "stickyBy");
    variants = List.copyOf(variants);
  }

  /** One variant's raw fields; nulls are absent fields. */
  public record Variant(String name, Double weight, String model, String systemPrompt) {}

  /**
   * Checks raw fields; nulls are absent fields.
   *
   * @param stickyBy {@code session} (the default) or {@code trace}
   * @param enabled true when absent
   */
  public static ExperimentRequest of(
      String agent, String stickyBy, List<Variant> variants, Boolean enabled) {
    Optional<String> scope = Optional.ofNullable(agent).map(a -> Check.name(a, "agent"));
    StickyBy sticky =
        stickyBy == null
            ? StickyBy.SESSION
            : WireEnum.parse(StickyBy.class, stickyBy)
                .orElseThrow(() ->
                    new ServiceException.Invalid(
                        "'sticky_by' must be one of "
                            + WireEnum.choices(StickyBy.class)
                            + ", got '"
                            + stickyBy
                            + "'"));
    if (variants == null || variants.size() < LlmExperiment.MIN_VARIANTS) {
      throw new ServiceException.Invalid(
          "'variants' needs at least "
              + LlmExperiment.MIN_VARIANTS
              + " variants, got "
              + (variants == null ? 0 : variants.size()));
    }
    if (variants.size() > MAX_VARIANTS) {
      throw new ServiceException.Invalid(
          "'variants' has " + variants.size() + " variants; the limit is " + MAX_VARIANTS);
    }
    List<LlmVariant> checked = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < variants.size(); i++) {
      LlmVariant v = variant(variants.get(i), "variants[" + i + "]");
      if (!names.add(v.name())) {
        throw new ServiceException.Invalid(
            "'variants[" + i + "].name' repeats '" + v.name() + "': variant names are unique");
      }
      checked.add(v);
    }
    return new ExperimentRequest(scope, sticky, checked, enabled == null || enabled);
  }

  /** The experiment this request defines under {@code name}. */
  public LlmExperiment experiment(String name) {
    return new LlmExperiment(name, agent, stickyBy, variants, enabled);
  }

  private static LlmVariant variant(Variant v, String at) {
    if (v == null) {
      throw new ServiceException.Invalid("'" + at + "' must be an object");
    }
    String name = Check.name(v.name(), at + ".name");
    if (v.weight() == null) {
      throw new ServiceException.Invalid("'" + at + ".weight' is required");
    }
    double weight = v.weight();
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new ServiceException.Invalid(
          "'" + at + ".weight' must be a positive number, got " + v.weight());
    }
    Optional<String> model =
        Optional.ofNullable(v.model()).map(m -> LlmChecks.model(m, at + ".model"));
    Optional<String> prompt = Optional.ofNullable(v.systemPrompt());
    if (prompt.isPresent()) {
      if (prompt.get().isBlank()) {
        throw new ServiceException.Invalid(
            "'" + at + ".system_prompt' is blank: leave it out to keep the caller's");
      }
      int size = prompt.get().getBytes(StandardCharsets.UTF_8).length;
      if (size > MAX_SYSTEM_PROMPT_BYTES) {
        throw new ServiceException.TooLarge(
            "'"
                + at
                + ".system_prompt' is "
                + size
                + " bytes; the limit is "
                + MAX_SYSTEM_PROMPT_BYTES);
      }
    }
    return new LlmVariant(name, weight, model, prompt);
  }
}
