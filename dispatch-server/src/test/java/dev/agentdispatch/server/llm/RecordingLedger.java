package dev.agentdispatch.server.llm;

import dev.agentdispatch.server.app.llm.CallAttribution;
import dev.agentdispatch.server.app.llm.CallLedger;
import dev.agentdispatch.server.app.llm.CallOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's real ledger, observed: it delegates every call and keeps what it was told, so tests
 * can check that every admitted call was settled exactly once, with the right usage and
 * attribution.
 */
final class RecordingLedger implements CallLedger {
  /** One admitted call and what it was settled with. */
  record Settled(Held held, CallOutcome outcome) {}

  /** A reservation this ledger handed out, over the real ledger's. */
  record Held(
      int id,
      CallAttribution who,
      String model,
      long estimatedInput,
      long maxOutput,
      Reservation real)
      implements Reservation {}

  private final AtomicInteger ids = new AtomicInteger();
  private final List<Held> admitted = new CopyOnWriteArrayList<>();
  private final List<Settled> settled = new CopyOnWriteArrayList<>();
  private volatile CallLedger real;

  /** Starts observing {@code ledger}, the server's own; returns this. */
  RecordingLedger wrapping(CallLedger ledger) {
    this.real = ledger;
    return this;
  }

  @Override
  public Reservation admit(
      CallAttribution who, String model, long estimatedInputTokens, long maxOutputTokens) {
    Reservation held = real.admit(who, model, estimatedInputTokens, maxOutputTokens);
    Held h =
        new Held(ids.incrementAndGet(), who, model, estimatedInputTokens, maxOutputTokens, held);
    admitted.add(h);
    return h;
  }

  @Override
  public RecordedCall settle(Reservation reservation, CallOutcome outcome) {
    Held h = (Held) reservation;
    RecordedCall recorded = real.settle(h.real(), outcome);
    settled.add(new Settled(h, outcome));
    return recorded;
  }

  List<Held> admitted() {
    return List.copyOf(admitted);
  }

  List<Settled> settled() {
    return List.copyOf(settled);
  }
}
