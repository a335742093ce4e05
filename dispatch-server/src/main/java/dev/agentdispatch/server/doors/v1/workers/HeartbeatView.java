package dev.agentdispatch.server.doors.v1.workers;

import dev.agentdispatch.server.app.workers.WorkerService;
import dev.agentdispatch.server.doors.v1.sessions.SessionViews.InputView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a heartbeat (DESIGN §5).
 *
 * @param inputs per lease of a session run: the steered inputs it has not taken yet, oldest first.
 *     They are sent again with every heartbeat until the run reports them in {@code
 *     consumed_inputs} or ends.
 */
public record HeartbeatView(
    List<String> extended,
    List<String> cancelled,
    List<String> lost,
    Map<String, List<InputView>> inputs) {
  static HeartbeatView of(WorkerService.Beat beat) {
    Map<String, List<InputView>> inputs = new LinkedHashMap<>();
    beat.inputs()
        .forEach((lease, list) -> inputs.put(lease, list.stream().map(InputView::of).toList()));
    return new HeartbeatView(
        beat.leases().extended(), beat.leases().cancelled(), beat.leases().lost(), inputs);
  }
}
