package dev.agentdispatch.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentdispatch.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * No caller ever reads another caller's bytes, over real sockets on loopback: while raw clients
 * send requests the server refuses below the routes (headers too large, a URI too long, a bad
 * escape), some of them hanging up before the answer, ordinary callers (the JDK client, raw
 * keep-alive sockets, pipelined requests, long-polls the hang-up watch probes, lease polls that
 * take work) each get a well-formed answer to their own request, naming what they sent, and never a
 * byte of the refused requests.
 *
 * <p>A broad guard, not a reproduction: the Jetty race that once sent a refused request's bytes to
 * another caller ({@code security/JettyRefusalRaceTest}) is a few instructions wide, and this load
 * did not hit it unaided (31,145 refusals in 90 s before the fix). Raise {@code
 * -Ddispatch.crosstalk.ms} to run it longer.
 */
class CrossTalkTest {
  private static final String NS = "/v1/namespaces/default";

  /** How long the load runs; raise it to hunt for a rare race. */
  private static final long RUN_MS = Long.getLong("dispatch.crosstalk.ms", 5_000);

  /** The fill of the refused requests: a run of them in any answer is a leak. */
  private static final String REFUSED_HEADER = "y".repeat(20_000);

  private static final String REFUSED_URI = "z".repeat(20_000);
  private static final List<String> LEAK_MARKS = List.of("yyyyyyyy", "zzzzzzzz");

  @TempDir Path dir;
  private TestServer server;
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private final Map<String, String> tagOfId = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
    assertThat(server.put(NS + "/agents/a", "{\"functions\":[{\"name\":\"f\"}]}").status())
        .isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void callersNeverReadEachOthersBytes() throws Exception {
    for (int i = 0; i < 5; i++) {
      invokeOverTheJdkClient();
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      threads.add(loop("refused", this::sendARefusedRequest));
    }
    for (int i = 0; i < 4; i++) {
      threads.add(loop("jdk", this::invokeOverTheJdkClient));
    }
    for (int i = 0; i < 3; i++) {
      threads.add(loop("keep-alive", this::readsOverOneConnection));
    }
    for (int i = 0; i < 3; i++) {
      threads.add(loop("long-poll", this::longPollThenMore));
    }
    for (int i = 0; i < 2; i++) {
      threads.add(loop("lease", this::leasePollThenMore));
    }
    Thread.sleep(RUN_MS);
    running = false;
    for (Thread t : threads) {
      t.join(30_000);
    }
    System.out.println("cross-talk: " + counts);
    problems.stream().limit(20).forEach(p -> System.out.println("cross-talk problem: " + p));
    assertThat(problems.size()).as("answers that were not the caller's own").isZero();
    assertThat(counts.get("jdk").get()).as("requests over the JDK client").isPositive();
    assertThat(counts.get("refused").get()).as("refused requests").isPositive();
    assertThat(counts.get("long-poll").get()).as("long-polls").isPositive();
  }

  private interface Step {
    void run() throws Exception;
  }

  private Thread loop(String name, Step step) {
    counts.putIfAbsent(name, new AtomicLong());
    return Thread.ofPlatform()
        .name("cross-talk-" + name)
        .start(() -> {
          while (running) {
            try {
              step.run();
              counts.get(name).incrementAndGet();
            } catch (Exception | AssertionError e) {
              problems.add(name + ": " + e);
            }
          }
        });
  }

  /** A request the server refuses before any route, sometimes without waiting for the answer. */
  private void sendARefusedRequest() throws IOException {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String target;
    String extra = "";
    switch (r.nextInt(4)) {
      case 0 -> {
        target = NS + "/invocations";
        extra = "X-Big: " + REFUSED_HEADER + "\r\n";
      }
      case 1 -> {
        target = NS + "/invocations";
        extra = "X-Big: " + REFUSED_HEADER.substring(0, 8_300 + r.nextInt(200)) + "\r\n";
      }
      case 2 -> target = NS + "/schedules/" + REFUSED_URI;
      default -> target = NS + "/agents/%zz" + REFUSED_URI.substring(0, 100);
    }
    boolean close = r.nextBoolean();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (close ? "Connection: close\r\n" : "")
            + extra
            + "Content-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      if (r.nextInt(3) > 0) {
        // A request pipelined behind the refused one: it must not be answered from its bytes.
        out.write(get(NS + "/agents/a").getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
      if (r.nextInt(4) == 0) {
        return; // hangs up at once
      }
      Answer a = read(s.getInputStream());
      if (a.status < 400 || a.status >= 500) {
        problems.add("refused request answered " + a.status);
      }
    } catch (IOException e) {
      // The server may close a connection it refused while bytes were still coming (a broken
      // pipe, a reset): the refused caller's own business.
    }
  }

  /** An invocation over the JDK client, then read back: the answers name what was sent. */
  private void invokeOverTheJdkClient() {
    String tag = UUID.randomUUID().toString();
    TestServer.Response created =
        server.post(
            NS + "/invocations",
            "{\"agent\":\"a\",\"function\":\"f\",\"idempotency_key\":\""
                + tag
                + "\",\"payload\":{\"tag\":\""
                + tag
                + "\"}}");
    if (created.status() == 503) {
      return; // refused for load, in its JSON shape
    }
    assertThat(created.status()).as(created.body().toString()).isIn(200, 201, 202);
    String id = created.text("invocation_id");
    assertThat(id).isNotEmpty();
    tagOfId.put(id, tag);
    TestServer.Response read = server.get(NS + "/invocations/" + id);
    if (read.status() == 503) {
      return;
    }
    assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
    assertThat(read.text("invocation_id")).isEqualTo(id);
    assertThat(read.body().path("payload").path("tag").asString()).isEqualTo(tag);
  }

  /** Several reads of known invocations on one keep-alive connection, some pipelined. */
  private void readsOverOneConnection() throws IOException {
    List<String> ids = new ArrayList<>(tagOfId.keySet());
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      for (int i = 0; i < 20 && running; i++) {
        int n = 1 + ThreadLocalRandom.current().nextInt(3);
        List<String> asked = new ArrayList<>();
        StringBuilder requests = new StringBuilder();
        for (int k = 0; k < n; k++) {
          String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
          asked.add(id);
          requests.append(get(NS + "/invocations/" + id));
        }
        send(s, requests.toString());
        for (String id : asked) {
          expectInvocation(read(in), id);
        }
      }
    }
  }

  /**
   * A long-poll the hang-up watch probes while it waits, with the next request sent while it waits
   * (pipelined), or after its answer; or a caller that hangs up while it waits.
   */
  private void longPollThenMore() throws Exception {
    List<String> ids = new ArrayList<>(tagOfId.keySet());
    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    String next = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    int mode = ThreadLocalRandom.current().nextInt(3);
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      send(s, get(NS + "/invocations/" + id + "?wait_seconds=2"));
      Thread.sleep(ThreadLocalRandom.current().nextInt(300, 1_800));
      if (mode == 2) {
        return; // hangs up while it waits
      }
      String follow = get(NS + "/invocations/" + next);
      if (mode == 0) {
        // Pipelined while the poll waits, in two pieces, so a probe may see its bytes arrive.
        send(s, follow.substring(0, 7));
        Thread.sleep(ThreadLocalRandom.current().nextInt(5));
        send(s, follow.substring(7));
        expectInvocation(read(in), id);
      } else {
        expectInvocation(read(in), id);
        send(s, follow);
      }
      expectInvocation(read(in), next);
    }
  }

  /** A lease poll that waits for work and may take some, then a read on the same connection. */
  private void leasePollThenMore() throws Exception {
    String worker = "w-" + UUID.randomUUID();
    if (ThreadLocalRandom.current().nextBoolean()) {
      invokeOverTheJdkClient(); // work for some poll to take
    }
    try (Socket s = connect()) {
      InputStream in = s.getInputStream();
      send(
          s,
          post(
              NS + "/workers/lease",
              "{\"worker_id\":\"" + worker + "\",\"agent\":\"a\",\"wait_ms\":1500}"));
      Answer a = read(in);
      expectClean(a);
      if (a.status != 200) {
        throw new AssertionError("lease answered " + a.status + ": " + a.body);
      }
      JsonNode leases = TestServer.JSON.readTree(a.body).path("leases");
      for (JsonNode lease : leases) {
        String id = lease.path("invocation_id").asString();
        String tag = tagOfId.get(id);
        if (tag == null || !tag.equals(lease.path("payload").path("tag").asString())) {
          throw new AssertionError("a lease of an unknown invocation: " + lease);
        }
      }
      send(s, get(NS + "/agents/a"));
      Answer agent = read(in);
      expectClean(agent);
      if (agent.status != 200 || !agent.body.contains("\"a\"")) {
        throw new AssertionError("agent read answered " + agent.status + ": " + agent.body);
      }
    }
  }

  private void expectInvocation(Answer a, String id) {
    expectClean(a);
    if (a.status == 503) {
      return;
    }
    if (a.status != 200) {
      throw new AssertionError("GET " + id + " answered " + a.status + ": " + a.body);
    }
    JsonNode body = TestServer.JSON.readTree(a.body);
    if (!id.equals(body.path("invocation_id").asString())
        || !tagOfId.get(id).equals(body.path("payload").path("tag").asString())) {
      throw new AssertionError("GET " + id + " answered another's: " + a.body);
    }
  }

  private static void expectClean(Answer a) {
    for (String mark : LEAK_MARKS) {
      int at = a.raw.indexOf(mark);
      if (at >= 0) {
        throw new AssertionError(
            "an answer carries a refused request's bytes at " + at + ": " + abbreviate(a.raw));
      }
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", server.server().port());
    s.setSoTimeout(15_000);
    return s;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }

  private static String post(String path, String json) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + json.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + json;
  }

  private static void send(Socket s, String request) throws IOException {
    s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().flush();
  }

  /** One answer: its status, its body, and every byte of it as read (for the leak check). */
  private record Answer(int status, String body, String raw) {}

  private static Answer read(InputStream in) throws IOException {
    StringBuilder raw = new StringBuilder();
    String status = line(in, raw);
    if (!status.startsWith("HTTP/1.1 ")) {
      throw new AssertionError("not a status line: " + abbreviate(status));
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    for (String h = line(in, raw); !h.isEmpty(); h = line(in, raw)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int size = Integer.parseInt(line(in, raw).trim(), 16);
          size > 0;
          size = Integer.parseInt(line(in, raw).trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in, raw);
      }
      line(in, raw);
    } else if (length > 0) {
      body.write(in.readNBytes(length));
    } else if (length < 0) {
      body.write(in.readAllBytes());
    }
    String text = body.toString(StandardCharsets.UTF_8);
    raw.append(text);
    return new Answer(code, text, raw.toString());
  }

  private static String line(InputStream in, StringBuilder raw) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed mid-answer: " + abbreviate(b.toString()));
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    String line = b.toString(StandardCharsets.ISO_8859_1);
    raw.append(line).append('\n');
    return line;
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…(" + s.length() + " chars)";
  }
}
