package dev.agentdispatch.store.llm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What recording a call does to the budgets, in the same transaction as its row: release the holds
 * of its reservation (if they are still there) and add its cost to each charged scope.
 */
public record Settlement(Optional<String> reservationId, List<Charge> charges) {
  public Settlement {
    Objects.requireNonNull(reservationId, "reservationId is null");
    charges = List.copyOf(charges);
  }
}
