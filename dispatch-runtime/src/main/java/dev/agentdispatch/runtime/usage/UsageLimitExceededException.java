package dev.agentdispatch.runtime.usage;

/** A cumulative usage total went strictly over its {@link UsageLimits} ceiling. */
public final class UsageLimitExceededException extends UsageBoundExceededException {
  private static final long serialVersionUID = 1L;
  private final String limitName;
  private final long observed;
  private final long ceiling;

  /** For {@code cost_usd}, observed and ceiling are integer micro-dollars. */
  public UsageLimitExceededException(String limitName, long observed, long ceiling) {
    super(
        "usage limit exceeded on '"
            + limitName
            + "': observed "
            + observed
            + " > ceiling "
            + ceiling);
    this.limitName = limitName;
    this.observed = observed;
    this.ceiling = ceiling;
  }

  public String limitName() {
    return limitName;
  }

  public long observed() {
    return observed;
  }

  public long ceiling() {
    return ceiling;
  }
}
