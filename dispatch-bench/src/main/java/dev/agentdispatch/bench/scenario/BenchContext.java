package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.BenchConfig;
import dev.agentdispatch.bench.Progress;
import dev.agentdispatch.bench.load.BenchApi;
import dev.agentdispatch.bench.server.ServerHandle;
import java.util.Optional;

/**
 * What a scenario runs against: the configuration, the server (absent for scenarios that bring
 * their own system, like the db-scheduler comparison), the API client and the progress bar.
 */
public record BenchContext(
    BenchConfig config, Optional<ServerHandle> server, Optional<BenchApi> api, Progress progress) {
  public BenchApi requireApi() {
    return api.orElseThrow(() -> new IllegalStateException("this scenario needs a server"));
  }
}
