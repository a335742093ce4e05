package dev.agentdispatch.server.doors.v1.agents;

import dev.agentdispatch.server.app.flow.FlowStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * An agent's flow control as the API shows it: caps, pauses, and what is under way ({@code null}
 * caps: none).
 */
public record FlowView(
    boolean paused,
    Integer maxConcurrency,
    int running,
    int pending,
    int keyBlocked,
    List<FunctionFlowView> functions,
    List<LaneFlowView> lanes,
    List<ClassView> classes) {

  /**
   * An execution class ({@code lane}; {@code ""}: the default lane) that failed lately: its
   * consecutive failures, and since when and how it is degraded ({@code pause} or {@code slow}).
   */
  public record ClassView(String lane, int failures, Instant degradedSince, String mode) {}

  /** One declared lane's part. */
  public record LaneFlowView(
      String name, Integer maxConcurrency, int reserved, int running, int pending) {}

  /** One function's part. */
  public record FunctionFlowView(
      String name,
      boolean paused,
      Integer maxConcurrency,
      Integer keyConcurrency,
      int running,
      int pending,
      int keyBlocked) {}

  public static FlowView of(FlowStatus s) {
    return new FlowView(
        s.paused(),
        s.maxConcurrency().orElse(null),
        s.running(),
        s.pending(),
        s.keyBlocked(),
        s.functions().stream()
            .map(f ->
                new FunctionFlowView(
                    f.name(),
                    f.paused(),
                    f.maxConcurrency().orElse(null),
                    f.keyConcurrency().orElse(null),
                    f.running(),
                    f.pending(),
                    f.keyBlocked()))
            .toList(),
        s.lanes().stream()
            .map(l ->
                new LaneFlowView(
                    l.name(),
                    l.maxConcurrency().orElse(null),
                    l.reserved(),
                    l.running(),
                    l.pending()))
            .toList(),
        s.classes().stream()
            .map(c ->
                new ClassView(
                    c.lane(),
                    c.failures(),
                    c.degradedSince().orElse(null),
                    c.mode().map(m -> m.name().toLowerCase(Locale.ROOT)).orElse(null)))
            .toList());
  }
}
