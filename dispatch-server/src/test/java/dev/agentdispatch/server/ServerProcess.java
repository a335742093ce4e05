package dev.agentdispatch.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A server in its own JVM (same classpath as the tests), so a test can kill it with SIGKILL. */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ServerProcess start(Path dbFile) throws IOException {
    return start("sqlite:" + dbFile);
  }

  public static ServerProcess start(String dbUrl) throws IOException {
    return start(dbUrl, List.of(), line -> {});
  }

  /**
   * As {@link #start(String)}, with more {@code ServerMain} options; every line the process prints
   * after it is ready goes to {@code output}.
   */
  public static ServerProcess start(String dbUrl, List<String> options, Consumer<String> output)
      throws IOException {
    return start(dbUrl, options, java.util.Map.of(), output);
  }

  /** As {@link #start(String, List, Consumer)}, with more environment variables. */
  public static ServerProcess start(
      String dbUrl,
      List<String> options,
      java.util.Map<String, String> environment,
      Consumer<String> output)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ServerMain.class.getName(),
                "--port",
                "0",
                "--db",
                dbUrl));
    command.addAll(options);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    StringBuilder seen = new StringBuilder();
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith("READY ")) {
        int port = Integer.parseInt(line.substring(6).trim());
        Thread drain =
            new Thread(
                () -> {
                  try {
                    out.lines().forEach(output);
                  } catch (java.io.UncheckedIOException closed) {
                    // the process was killed: its output ends here
                  }
                },
                "server-output");
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(p, port);
      }
    }
    throw new IOException("server process exited before it was ready:\n" + seen);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The operating system's id of the server process. */
  public long pid() {
    return process.pid();
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already committed. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
