package dev.agentdispatch.server.llm;

import dev.agentdispatch.server.app.ServiceException;
import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.CallOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ledger that keeps what it was told, so tests can check that every admitted call was settled
 * exactly once, with the right usage and attribution. It can refuse calls as a spent budget would.
 * (The real ledger replaces it when the ledger branch is merged.)
 */
final class RecordingLedger implements CallLedger {
  /** One admitted call and what it was settled with. */
  record Settled(Held held, CallOutcome outcome) {}

  /** A reservation this ledger handed out. */
  record Held(int id, CallAttribution who, String model, long estimatedInput, long maxOutput)
      implements Reservation {}

  private final AtomicInteger ids = new AtomicInteger();
  private final List<Held> admitted = new CopyOnWriteArrayList<>();
  private final List<Settled> settled = new CopyOnWriteArrayList<>();
  private volatile Optional<String> refuse = Optional.empty();

  @Override
  public Reservation admit(
      CallAttribution who, String model, long estimatedInputTokens, long maxOutputTokens) {
    if (refuse.isPresent()) {
      throw new ServiceException.BudgetExceeded(
          refuse.get(), Instant.parse("2030-01-01T00:00:00Z"));
    }
    Held h = new Held(ids.incrementAndGet(), who, model, estimatedInputTokens, maxOutputTokens);
    admitted.add(h);
    return h;
  }

  @Override
  public RecordedCall settle(Reservation reservation, CallOutcome outcome) {
    settled.add(new Settled((Held) reservation, outcome));
    return new RecordedCall("call-" + ((Held) reservation).id(), BigDecimal.ZERO);
  }

  /** Refuses every call from now on, as a spent budget would, with {@code message}. */
  void refuseAll(String message) {
    refuse = Optional.of(message);
  }

  List<Held> admitted() {
    return List.copyOf(admitted);
  }

  List<Settled> settled() {
    return List.copyOf(settled);
  }
}
