package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.model.InvocationStatus;
import java.util.Optional;

/** Fluent builder of {@link InvocationFilter}. */
public final class InvocationFilterBuilder {
  private Optional<InvocationStatus> status = Optional.empty();
  private Optional<String> agent = Optional.empty();
  private Optional<String> function = Optional.empty();
  private Optional<String> traceId = Optional.empty();
  private Optional<String> parentId = Optional.empty();
  private boolean deadLetter;
  private Optional<Integer> limit = Optional.empty();
  private Optional<String> cursor = Optional.empty();

  InvocationFilterBuilder() {}

  /**
   * Keeps only one status.
   *
   * @param value the status
   * @return this builder
   */
  public InvocationFilterBuilder status(InvocationStatus value) {
    status = Optional.of(value);
    return this;
  }

  /**
   * Keeps only one agent.
   *
   * @param value the agent
   * @return this builder
   */
  public InvocationFilterBuilder agent(String value) {
    agent = Optional.of(value);
    return this;
  }

  /**
   * Keeps only one function.
   *
   * @param value the function
   * @return this builder
   */
  public InvocationFilterBuilder function(String value) {
    function = Optional.of(value);
    return this;
  }

  /**
   * Keeps only one trace.
   *
   * @param value the trace id
   * @return this builder
   */
  public InvocationFilterBuilder traceId(String value) {
    traceId = Optional.of(value);
    return this;
  }

  /**
   * Keeps only the children of one invocation.
   *
   * @param value the parent's id
   * @return this builder
   */
  public InvocationFilterBuilder parentId(String value) {
    parentId = Optional.of(value);
    return this;
  }

  /**
   * Keeps only dead-lettered invocations.
   *
   * @param value true to filter
   * @return this builder
   */
  public InvocationFilterBuilder deadLetter(boolean value) {
    deadLetter = value;
    return this;
  }

  /**
   * Sets the page size.
   *
   * @param value at least 1
   * @return this builder
   */
  public InvocationFilterBuilder limit(int value) {
    limit = Optional.of(value);
    return this;
  }

  /**
   * Sets where the page starts.
   *
   * @param value a previous page's next cursor
   * @return this builder
   */
  public InvocationFilterBuilder cursor(String value) {
    cursor = Optional.of(value);
    return this;
  }

  /**
   * Builds the filter.
   *
   * @return the filter
   */
  public InvocationFilter build() {
    return new InvocationFilter(
        status, agent, function, traceId, parentId, deadLetter, limit, cursor);
  }
}
