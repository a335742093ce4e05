package dev.agentdispatch.sdk.client;

import dev.agentdispatch.sdk.DispatchException;
import dev.agentdispatch.sdk.model.InvocationStatus;
import java.time.Duration;

/**
 * The client stopped waiting before the invocation ended. The invocation itself goes on; nothing is
 * cancelled.
 */
public final class InvocationWaitTimeoutException extends DispatchException {
  private static final long serialVersionUID = 1L;

  private final String invocationId;
  private final InvocationStatus lastStatus;

  /**
   * Creates the exception.
   *
   * @param invocationId the invocation waited for
   * @param lastStatus its status when the wait ended
   * @param waited how long the client waited
   */
  public InvocationWaitTimeoutException(
      String invocationId, InvocationStatus lastStatus, Duration waited) {
    super(
        "gave up waiting for invocation "
            + invocationId
            + " after "
            + waited.toMillis()
            + " ms; it is still "
            + lastStatus.wireName()
            + " (the invocation was not cancelled)");
    this.invocationId = invocationId;
    this.lastStatus = lastStatus;
  }

  /**
   * Returns the invocation waited for.
   *
   * @return its id
   */
  public String invocationId() {
    return invocationId;
  }

  /**
   * Returns its status when the wait ended.
   *
   * @return the last status seen
   */
  public InvocationStatus lastStatus() {
    return lastStatus;
  }
}
