package dev.agentdispatch.server.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real dispatch_agents SDK (0.9) from {@code ../shared/clients/dispatch-agents}, run with a
 * Python venv built once from the machine's local package index. Tests skip with a hint when the
 * folder or a Python 3.11+ is missing, and fail instead in CI ({@code CI=true}), where both must be
 * present.
 */
final class DispatchAgentsSdk {
  private static final String FOLDER = "shared/clients/dispatch-agents";
  private static volatile DispatchAgentsSdk instance;

  private final Path home;
  private final Path python;

  private DispatchAgentsSdk(Path home, Path python) {
    this.home = home;
    this.python = python;
  }

  /** The SDK, its venv built on first use; skips (fails in CI) when it cannot be had. */
  static synchronized DispatchAgentsSdk require() {
    if (instance == null) {
      instance = locate();
    }
    return instance;
  }

  private static DispatchAgentsSdk locate() {
    Optional<Path> home = findHome();
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    if (home.isEmpty()) {
      String why =
          "dispatch_agents interop tests skipped: ../" + FOLDER + " is not beside the repository";
      if (ci) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    Path venv = Path.of("target", "da-venv").toAbsolutePath();
    Result built =
        run(
            List.of("bash", home.get().resolve("setup_env.sh").toString(), venv.toString()),
            home.get(),
            Map.of(),
            300);
    if (built.exit() != 0) {
      String why =
          "dispatch_agents interop tests skipped: the SDK's Python venv could not be built"
              + " (needs Python >= 3.11 and the local package index): "
              + built.output();
      if (ci) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    return new DispatchAgentsSdk(home.get(), venv.resolve("bin/python"));
  }

  private static Optional<Path> findHome() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FOLDER);
      if (Files.isRegularFile(candidate.resolve("setup_env.sh"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The environment of an SDK process talking to {@code backendUrl} in {@code namespace}, as {@code
   * dispatch agent dev} sets it (the LLM proxy off, so agents do not compete for its port).
   */
  Map<String, String> environment(String backendUrl, String namespace, String agentName) {
    return Map.of(
        "BACKEND_URL", backendUrl,
        "DISPATCH_NAMESPACE", namespace,
        "DISPATCH_API_KEY", "local-dev-key",
        "DISPATCH_LOCAL_DEV", "true",
        "DISPATCH_LLM_INSTRUMENT", "false",
        "DISPATCH_AGENT_NAME", agentName,
        "PYTHONUNBUFFERED", "1",
        "PYTHONDONTWRITEBYTECODE", "1",
        "PYTHONPATH", home.resolve("compat") + ":" + home.resolve("sdk"));
  }

  /**
   * Starts an agent the way {@code dispatch agent dev} does: the CLI's listener template copied
   * into the agent's folder, run there with the agent's gRPC port.
   */
  Process startAgent(Path agentDir, int grpcPort, Map<String, String> env, Path log)
      throws IOException {
    Path listener = agentDir.resolve(".dispatch/__dispatch_listener__.py");
    Files.createDirectories(listener.getParent());
    Files.copy(
        home.resolve("cli-router/dispatch_cli/templates/grpc_listener.py"),
        listener,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder pb =
        new ProcessBuilder(python.toString(), listener.toString(), Integer.toString(grpcPort))
            .directory(agentDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs a Python script with the SDK on the path; returns its exit code and output. */
  Result script(String code, Map<String, String> env, int timeoutSeconds) {
    return run(List.of(python.toString(), "-c", code), home, env, timeoutSeconds);
  }

  /** A finished process: its exit code and everything it printed. */
  record Result(int exit, String output) {}

  private static Result run(
      List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) {
    try {
      Path out = Files.createTempFile("da-run", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + timeoutSeconds + " s: " + Files.readString(out));
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      Files.deleteIfExists(out);
      return new Result(p.exitValue(), text);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
