package dev.agentdispatch.runtime.ratelimit;

import dev.agentdispatch.runtime.internal.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * Named token buckets for a model client: {@value #RPM} (one per call), {@value #INPUT_TPM} and
 * {@value #OUTPUT_TPM} (tokens after a call). Missing buckets are skipped; inputs are validated
 * even then.
 */
public final class RateLimiter {
  public static final String RPM = "rpm";
  public static final String INPUT_TPM = "input_tpm";
  public static final String OUTPUT_TPM = "output_tpm";

  private final Map<String, TokenBucket> buckets;

  public RateLimiter(Map<String, TokenBucket> buckets) {
    this.buckets = Map.copyOf(buckets);
  }

  public Optional<TokenBucket> bucket(String key) {
    return Optional.ofNullable(buckets.get(key));
  }

  /** Takes {@code requestCost} (default 1) from "rpm". */
  public void acquirePreCall(double requestCost) throws InterruptedException {
    Checks.nonNegative(requestCost, "request_cost");
    TokenBucket b = buckets.get(RPM);
    if (b != null) {
      b.acquire(requestCost, Optional.empty());
    }
  }

  public void acquirePreCall() throws InterruptedException {
    acquirePreCall(1);
  }

  /** Takes the turn's tokens from "input_tpm" and "output_tpm", skipping zero amounts. */
  public void acquireUsage(long inputTokens, long outputTokens) throws InterruptedException {
    Checks.nonNegative(inputTokens, "input_tokens");
    Checks.nonNegative(outputTokens, "output_tokens");
    take(INPUT_TPM, inputTokens);
    take(OUTPUT_TPM, outputTokens);
  }

  private void take(String key, long amount) throws InterruptedException {
    TokenBucket b = buckets.get(key);
    if (b != null && amount > 0) {
      b.acquire(amount, Optional.empty());
    }
  }
}
