package dev.agentdispatch.bench.server;

import dev.agentdispatch.bench.BenchException;
import dev.agentdispatch.server.ServerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server in its own JVM (the harness's own {@code java} and classpath, {@code ServerMain}), so
 * its CPU and heap are measured apart from the load generator. Its output goes to {@code
 * server.log} next to the database; it is stopped with SIGTERM (graceful) and killed if that takes
 * too long.
 */
public final class ForkedServer implements ServerHandle {
  private static final String MAIN = ServerMain.class.getName();

  private final Process process;
  private final URI url;
  private final String db;

  private ForkedServer(Process process, int port, String db) {
    this.process = process;
    this.url = URI.create("http://127.0.0.1:" + port);
    this.db = db;
  }

  /**
   * Starts a server on a free loopback port and waits until it prints {@code READY <port>}.
   *
   * @param jfr a Flight Recording file to write (profile settings), when wanted
   */
  public static ForkedServer start(String db, String heap, Optional<Path> jfr, Path log) {
    return start(db, heap, jfr, log, List.of(), Map.of());
  }

  /**
   * As {@link #start(String, String, Optional, Path)}, with more server options and environment
   * variables (e.g. {@code OTEL_*}) for the server's process.
   */
  public static ForkedServer start(
      String db,
      String heap,
      Optional<Path> jfr,
      Path log,
      List<String> options,
      Map<String, String> env) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Jvm.java(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xms" + heap,
                "-Xmx" + heap,
                "-XX:+UseG1GC"));
    jfr.ifPresent(f ->
        cmd.add(
            "-XX:StartFlightRecording=filename="
                + f.toAbsolutePath()
                + ",settings=profile,dumponexit=true"));
    cmd.addAll(
        List.of("-cp", System.getProperty("java.class.path"), MAIN, "--port", "0", "--db", db));
    cmd.addAll(options);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
      builder.environment().putAll(env);
      Process p = builder.start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter file =
          new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
      String line;
      while ((line = out.readLine()) != null) {
        file.println(line);
        if (line.startsWith("READY ")) {
          int port = Integer.parseInt(line.substring(6).trim());
          Thread drain = new Thread(() -> copy(out, file), "server-log");
          drain.setDaemon(true);
          drain.start();
          return new ForkedServer(p, port, db);
        }
      }
      file.close();
      throw new BenchException(
          "the server exited before it was ready (exit " + p.waitFor() + "); see " + log);
    } catch (IOException e) {
      throw new BenchException("cannot start the server: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while starting the server", e);
    }
  }

  /**
   * Copies the server's output to its log until the process ends (then the stream closes under us).
   */
  private static void copy(BufferedReader out, PrintWriter file) {
    try (out;
        file) {
      String line;
      while ((line = out.readLine()) != null) {
        file.println(line);
      }
    } catch (IOException e) {
      // the server stopped: its output ends here
    }
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public Optional<Long> pid() {
    return Optional.of(process.pid());
  }

  @Override
  public Optional<String> db() {
    return Optional.of(db);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
