package dev.agentdispatch.store.llm;

import java.util.List;
import java.util.Optional;

/** Per-namespace model prices that take precedence over the server's pricing table. */
public interface LlmPriceStore {
  /** Creates or replaces the namespace's price for the model. */
  PriceRecord put(PriceRecord price);

  Optional<PriceRecord> find(String namespace, String model);

  /** Every price of the namespace, by model. */
  List<PriceRecord> list(String namespace);

  /** False when there was none. */
  boolean delete(String namespace, String model);
}
