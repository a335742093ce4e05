package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.sdk.worker.Worker;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event logs as SSE streams: resume with Last-Event-ID, the end event, many cheap streams (DESIGN
 * §8).
 */
class EventStreamTest {
  private static final String NS = "/v1/namespaces/default";

  @TempDir static Path dir;
  static TestServer server;
  static Worker worker;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    worker =
        Worker.builder()
            .client(server.client())
            .agent(SessionAgent.NAME)
            .register(new SessionAgent())
            .leaseSeconds(3)
            .pollWait(Duration.ofSeconds(2))
            .gracePeriod(Duration.ofSeconds(1))
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    worker.stop();
    server.close();
  }

  @Test
  void aLiveStreamFollowsARunToItsEndAndAResumeYieldsExactlyTheMissingEvents() {
    SessionsTest.server = server;
    String sid = SessionsTest.newSession("stream");
    // Follow the session log live from the start, while the run streams 20 tokens.
    CompletableFuture<List<SseClient.Event>> live =
        CompletableFuture.supplyAsync(() -> {
          HttpResponse<Stream<String>> resp =
              SseClient.open(server.url() + NS + "/sessions/" + sid + "/events", Optional.empty());
          assertThat(resp.headers().firstValue("content-type"))
              .get()
              .asString()
              .startsWith("text/event-stream");
          try (Stream<String> lines = resp.body()) {
            List<SseClient.Event> events = new ArrayList<>();
            var it = lines.iterator();
            while (events.stream().noneMatch(e -> e.type().equals("run_ended"))) {
              events.addAll(SseClient.read(it, 1));
            }
            return events;
          }
        });
    String runId = SessionsTest.send(sid, "tokens:20", "enqueue").text("run_id");
    List<SseClient.Event> sessionEvents = live.join();
    assertThat(sessionEvents.stream().filter(e -> e.type().equals("output"))).hasSize(20);
    assertThat(sessionEvents)
        .extracting(e -> e.id().orElseThrow())
        .isSorted()
        .doesNotHaveDuplicates();

    String url = server.url() + NS + "/invocations/" + runId + "/events";
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> server.get(NS + "/invocations/" + runId).text("status").equals("completed"));
    List<SseClient.Event> all = SseClient.readAll(url, Optional.empty());
    SseClient.Event end = all.get(all.size() - 1);
    assertThat(end.type()).isEqualTo("end");
    assertThat(end.id()).isEmpty();
    List<Long> ids =
        all.subList(0, all.size() - 1).stream().map(e -> e.id().orElseThrow()).toList();
    long last = ids.get(ids.size() - 1);
    assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
    assertThat(all.stream().filter(e -> e.type().equals("output"))).hasSize(20);

    // A client that dropped after event 7 reconnects after the run ended: it gets 8..last, then the
    // end.
    List<SseClient.Event> resumed = SseClient.readAll(url, Optional.of(7L));
    assertThat(resumed.subList(0, resumed.size() - 1))
        .extracting(e -> e.id().orElseThrow())
        .containsExactlyElementsOf(LongStream.rangeClosed(8, last).boxed().toList());
    assertThat(resumed.get(resumed.size() - 1).type()).isEqualTo("end");
    assertThat(SseClient.readAll(url + "?after=" + last, Optional.empty()))
        .extracting(SseClient.Event::type)
        .containsExactly("end");
    assertThat(
            server
                .get(NS + "/invocations/" + runId + "/events?after=" + (last - 2))
                .body()
                .path("items"))
        .hasSize(2);
    var bad = server.send("GET", NS + "/invocations/" + runId + "/events?after=x", null, null);
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void manyOpenStreamsDoNotCostAPlatformThreadEach() throws Exception {
    SessionsTest.server = server;
    String sid = SessionsTest.newSession("crowd");
    int before = ManagementFactory.getThreadMXBean().getThreadCount();
    List<HttpResponse<Stream<String>>> open = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      open.add(
          SseClient.open(server.url() + NS + "/sessions/" + sid + "/events", Optional.empty()));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.server().streamsWaiting() >= 200);
    int during = ManagementFactory.getThreadMXBean().getThreadCount();
    // The JDK client adds a few selector threads; 200 streams on platform threads would add 200.
    assertThat(during - before).isLessThan(40);
    // Every stream wakes at once when the log grows.
    SessionsTest.send(sid, "sleep:1", "enqueue");
    for (HttpResponse<Stream<String>> resp : open.subList(0, 5)) {
      try (Stream<String> lines = resp.body()) {
        List<SseClient.Event> events = SseClient.read(lines.iterator(), 3);
        assertThat(events)
            .extracting(SseClient.Event::type)
            .containsExactly("session_created", "input", "run_started");
      }
    }
    open.subList(5, open.size()).forEach(r -> r.body().close());
  }
}
