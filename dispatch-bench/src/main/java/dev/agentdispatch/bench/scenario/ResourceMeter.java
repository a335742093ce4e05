package dev.agentdispatch.bench.scenario;

import dev.agentdispatch.bench.report.RunResult;
import dev.agentdispatch.bench.server.DatabaseSize;
import dev.agentdispatch.bench.server.ProcessProbe;
import dev.agentdispatch.bench.server.ServerHandle;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Wraps a run with what it cost: server and load-generator CPU (in cores busy over the run), the
 * server's heap in use at the end (no forced GC), and the database size.
 */
final class ResourceMeter {
  private final Optional<ServerHandle> server;
  private final long startNanos = System.nanoTime();
  private final OptionalLong serverCpu0;
  private final OptionalLong clientCpu0;

  ResourceMeter(Optional<ServerHandle> server) {
    this.server = server;
    this.serverCpu0 = serverCpu();
    this.clientCpu0 = ProcessProbe.cpuNanos(ProcessHandle.current().pid());
  }

  RunResult addTo(RunResult run) {
    double wall = System.nanoTime() - startNanos;
    RunResult.Builder b = new RunResult.Builder();
    run.metrics().forEach(b::put);
    run.notes().forEach(b::note);
    OptionalLong serverCpu1 = serverCpu();
    if (serverCpu0.isPresent() && serverCpu1.isPresent()) {
      b.put("server_cpu_cores", (serverCpu1.getAsLong() - serverCpu0.getAsLong()) / wall);
    }
    OptionalLong clientCpu1 = ProcessProbe.cpuNanos(ProcessHandle.current().pid());
    if (clientCpu0.isPresent() && clientCpu1.isPresent()) {
      b.put("loadgen_cpu_cores", (clientCpu1.getAsLong() - clientCpu0.getAsLong()) / wall);
    }
    server
        .flatMap(ServerHandle::pid)
        .ifPresent(pid ->
            ProcessProbe.heapUsedBytes(pid, false)
                .ifPresent(h -> b.put("server_heap_used_mib", h / 1048576.0)));
    server
        .flatMap(ServerHandle::db)
        .ifPresent(db ->
            DatabaseSize.bytes(db).ifPresent(bytes -> b.put("db_size_mib", bytes / 1048576.0)));
    return b.build();
  }

  private OptionalLong serverCpu() {
    return server
        .flatMap(ServerHandle::pid)
        .map(ProcessProbe::cpuNanos)
        .orElse(OptionalLong.empty());
  }
}
