package dev.agentdispatch.store.llm;

/**
 * The budget scopes of a namespace, as stored: {@code namespace} for the namespace's own budget and
 * {@code agent:<name>} for an agent's. One spelling for every caller, so counters and holds meet.
 */
public final class BudgetScopes {
  /** The namespace's own scope. */
  public static final String NAMESPACE = "namespace";

  private static final String AGENT_PREFIX = "agent:";

  private BudgetScopes() {}

  /** The scope of agent {@code name}. */
  public static String agent(String name) {
    return AGENT_PREFIX + name;
  }

  /** Whether {@code scope} is an agent's, and not the namespace's. */
  public static boolean isAgent(String scope) {
    return scope.startsWith(AGENT_PREFIX);
  }

  /** The agent of an agent scope. */
  public static String agentOf(String scope) {
    if (!isAgent(scope)) {
      throw new IllegalArgumentException("not an agent scope: " + scope);
    }
    return scope.substring(AGENT_PREFIX.length());
  }
}
