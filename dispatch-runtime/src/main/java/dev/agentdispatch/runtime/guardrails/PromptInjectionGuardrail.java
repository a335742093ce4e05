package dev.agentdispatch.runtime.guardrails;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@link PatternGuardrail} preloaded with eleven common prompt-injection phrases (checked on the
 * post stage by default, i.e. on tool results that flow back into the prompt).
 */
public final class PromptInjectionGuardrail implements Guardrail {
  /** The built-in patterns, in the specification's order. */
  public static final List<String> BUILT_IN_PATTERNS =
      List.of(
          "ignore\\s+(?:(?:all|the)\\s+)?previous\\s+instructions",
          "disregard\\s+(?:(?:all|the)\\s+)?previous\\s+(?:instructions|messages|context)",
          "forget\\s+(?:everything|all|your)",
          "(?:you\\s+are\\s+now|act\\s+as|pretend\\s+(?:to\\s+be|you))\\s+\\w+",
          "system\\s*[:>]\\s*```",
          "<\\s*\\|?\\s*(?:system|admin|root)\\s*\\|?\\s*>",
          "(?:override|bypass|disable)\\s+(?:(?:the|a)\\s+)?(?:safety|guardrail|filter|policy|safeguard)",
          "reveal\\s+(?:your|the)\\s+(?:system\\s+prompt|instructions|initial\\s+prompt)",
          "(?:show|tell)\\s+me\\s+(?:your|the)\\s+(?:system\\s+prompt|instructions|initial\\s+prompt)",
          "instructions\\s+you\\s+(?:were|have\\s+been)\\s+given",
          "[A-Za-z0-9+/=]{200,}");

  private final PatternGuardrail delegate;

  /** Post stage only, no extra patterns, name "prompt_injection". */
  public PromptInjectionGuardrail() {
    this(Set.of(GuardrailStage.POST), List.of(), "prompt_injection");
  }

  public PromptInjectionGuardrail(
      Set<GuardrailStage> stages, List<String> extraPatterns, String name) {
    List<String> all = new ArrayList<>(BUILT_IN_PATTERNS);
    all.addAll(extraPatterns);
    this.delegate = new PatternGuardrail(all, stages, name, Pattern.CASE_INSENSITIVE);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public GuardrailOutcome checkPre(String role, String tool) {
    return delegate.checkPre(role, tool);
  }

  @Override
  public GuardrailOutcome checkPost(Object value, String role, String tool) {
    return delegate.checkPost(value, role, tool);
  }
}
