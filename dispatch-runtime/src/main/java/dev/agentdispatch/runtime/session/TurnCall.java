package dev.agentdispatch.runtime.session;

/** The model call of one turn. It may be invoked again when recovery retries the turn. */
@FunctionalInterface
public interface TurnCall<T> {
  T call(TurnContext ctx) throws Exception;
}
