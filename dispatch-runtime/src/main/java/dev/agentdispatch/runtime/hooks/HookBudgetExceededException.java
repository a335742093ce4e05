package dev.agentdispatch.runtime.hooks;

/** The estimated prompt size is over the hook's token limit. */
public final class HookBudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long estimated;
  private final long limit;
  private final String model;

  public HookBudgetExceededException(long estimated, long limit, String model) {
    super(
        "estimated "
            + estimated
            + " tokens exceeds token limit "
            + limit
            + " for model '"
            + model
            + "'");
    this.estimated = estimated;
    this.limit = limit;
    this.model = model;
  }

  public long estimated() {
    return estimated;
  }

  public long limit() {
    return limit;
  }

  public String model() {
    return model;
  }
}
