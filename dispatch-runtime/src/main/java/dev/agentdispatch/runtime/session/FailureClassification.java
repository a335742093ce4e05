package dev.agentdispatch.runtime.session;

import dev.agentdispatch.runtime.events.AgentFailureClass;
import dev.agentdispatch.runtime.governance.GovernanceBreachException;
import dev.agentdispatch.runtime.guardrails.GuardrailViolatedException;
import dev.agentdispatch.runtime.output.OutputValidationException;
import dev.agentdispatch.runtime.permissions.PermissionDeniedException;
import dev.agentdispatch.runtime.ratelimit.RateLimitExceededException;
import dev.agentdispatch.runtime.retry.ExceptionClassifier;
import dev.agentdispatch.runtime.retry.FailureScenario;
import dev.agentdispatch.runtime.usage.UsageBoundExceededException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Classifies the exception that ends a session, in the specification's order: usage bounds and rate
 * limits → RATE_LIMIT; max iterations → GOVERNANCE_BREACH; permission → PERMISSION_DENIED;
 * guardrail → GUARDRAIL_VIOLATION; then the scenario classifier unless it says LLM_ERROR; then
 * prompt rejection; then validation errors (IllegalArgumentException, ClassCastException); else
 * LLM_ERROR. Cancellation maps to CANCELLED.
 */
public final class FailureClassification {
  private static final List<String> PROMPT_REJECTION =
      List.of(
          "prompt rejected",
          "prompt rejection",
          "content policy",
          "content filter",
          "safety policy",
          "blocked by safety",
          "moderation",
          "jailbreak",
          "unsafe prompt",
          "disallowed content");

  private FailureClassification() {}

  public static AgentFailureClass forException(Throwable error) {
    Throwable e =
        error instanceof SessionCallException && error.getCause() != null
            ? error.getCause()
            : error;
    if (e instanceof GovernanceBreachException) {
      return AgentFailureClass.GOVERNANCE_BREACH; // handled before the others in the spec too
    }
    if (e instanceof UsageBoundExceededException || e instanceof RateLimitExceededException) {
      return AgentFailureClass.RATE_LIMIT;
    }
    if (e instanceof MaxIterationsExceededException) {
      return AgentFailureClass.GOVERNANCE_BREACH;
    }
    if (e instanceof PermissionDeniedException) {
      return AgentFailureClass.PERMISSION_DENIED;
    }
    if (e instanceof GuardrailViolatedException) {
      return AgentFailureClass.GUARDRAIL_VIOLATION;
    }
    if (e instanceof OutputValidationException) {
      // Before the scenario classifier: the JSON parse error it may carry as its cause, or a
      // quoted word of the model's output ("timeout"), must not make it a memory or model failure.
      return AgentFailureClass.VALIDATION_ERROR;
    }
    if (e instanceof CancellationException || e instanceof InterruptedException) {
      return AgentFailureClass.CANCELLED;
    }
    FailureScenario scenario = ExceptionClassifier.classify(e);
    if (scenario != FailureScenario.LLM_ERROR) {
      return AgentFailureClass.fromScenario(scenario);
    }
    if (isPromptRejection(e)) {
      return AgentFailureClass.PROMPT_REJECTION;
    }
    if (e instanceof IllegalArgumentException || e instanceof ClassCastException) {
      return AgentFailureClass.VALIDATION_ERROR;
    }
    return AgentFailureClass.LLM_ERROR;
  }

  static boolean isPromptRejection(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (PROMPT_REJECTION.stream().anyMatch(m::contains)) {
        return true;
      }
    }
    return false;
  }

  /** The sanitised detail of a session-ending failure: the type, never the message. */
  public static String safeDetail(Throwable error) {
    Throwable e =
        error instanceof SessionCallException && error.getCause() != null
            ? error.getCause()
            : error;
    return e.getClass().getSimpleName() + " raised";
  }
}
