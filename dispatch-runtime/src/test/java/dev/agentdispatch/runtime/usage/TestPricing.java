package dev.agentdispatch.runtime.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the example pricing table used across tests. */
public final class TestPricing {
  private TestPricing() {}

  public static String exampleJson() {
    try (InputStream in = TestPricing.class.getResourceAsStream("/example-pricing.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PricingRegistry example() {
    return PricingRegistry.fromJson(exampleJson());
  }
}
