package dev.agentdispatch.server.app.llm.ledger;

import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallLedger;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The ledger's reservation: the id its holds are stored under, settled at most once. */
final class LedgerReservation implements CallLedger.Reservation {
  private final String id;
  private final CallAttribution who;
  private final AtomicBoolean settled = new AtomicBoolean();

  LedgerReservation(String id, CallAttribution who) {
    this.id = Objects.requireNonNull(id, "id is null");
    this.who = Objects.requireNonNull(who, "who is null");
  }

  String id() {
    return id;
  }

  @Override
  public CallAttribution who() {
    return who;
  }

  /** Marks it settled; a second settlement is a bug in the caller and fails loudly. */
  void settleOnce() {
    if (!settled.compareAndSet(false, true)) {
      throw new IllegalStateException("reservation " + id + " was already settled");
    }
  }
}
