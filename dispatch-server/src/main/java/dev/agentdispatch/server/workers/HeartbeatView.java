package dev.agentdispatch.server.workers;

import dev.agentdispatch.server.sessions.SessionViews.InputView;
import java.util.List;
import java.util.Map;

/**
 * The answer to a heartbeat (DESIGN §5).
 *
 * @param inputs per lease of a session run: the steered inputs it has not taken yet, oldest first. They are
 *     sent again with every heartbeat until the run reports them in {@code consumed_inputs} or ends.
 */
public record HeartbeatView(List<String> extended, List<String> cancelled, List<String> lost,
    Map<String, List<InputView>> inputs) {}
