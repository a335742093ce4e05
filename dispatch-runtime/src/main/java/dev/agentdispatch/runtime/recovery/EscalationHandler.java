package dev.agentdispatch.runtime.recovery;

/**
 * Told when recovery gives up (attempts exhausted, or an {@code escalate_to_human} step). Runs on
 * the session's thread; keep it quick (page someone, open a ticket, flip a flag). An exception from
 * the handler is logged and swallowed so that the original failure still surfaces.
 */
@FunctionalInterface
public interface EscalationHandler {
  EscalationHandler NONE = escalation -> {};

  void escalate(Escalation escalation);
}
