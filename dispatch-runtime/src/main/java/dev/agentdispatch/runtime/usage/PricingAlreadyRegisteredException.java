package dev.agentdispatch.runtime.usage;

/** Raised by {@link PricingRegistry#register} with {@link OnConflict#ERROR} on a duplicate. */
public final class PricingAlreadyRegisteredException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String model;

  public PricingAlreadyRegisteredException(String model) {
    super("pricing already registered for model '" + model + "'");
    this.model = model;
  }

  /** The normalised model key. */
  public String model() {
    return model;
  }
}
