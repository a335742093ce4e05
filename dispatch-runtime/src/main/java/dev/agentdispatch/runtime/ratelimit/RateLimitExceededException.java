package dev.agentdispatch.runtime.ratelimit;

/** A token bucket could not supply the requested tokens in time (or ever). */
public final class RateLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String bucket;
  private final double requested;

  public RateLimitExceededException(String bucket, double requested) {
    super("rate limit exceeded on bucket '" + bucket + "': requested " + requested);
    this.bucket = bucket;
    this.requested = requested;
  }

  public String bucket() {
    return bucket;
  }

  public double requested() {
    return requested;
  }
}
