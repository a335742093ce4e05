package dev.agentdispatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Cron schedules against a real server and SQLite file: timing, exactly-once, overlap, catch-up,
 * pause.
 */
class ScheduleTest {
  private static final String NS = "/v1/namespaces/default";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private static void registerTicker(TestServer server) {
    assertThat(server.put(NS + "/agents/ticker", "{\"functions\":[{\"name\":\"tick\"}]}").status())
        .isEqualTo(200);
  }

  private static String createSchedule(TestServer server, String extra) {
    var resp =
        server.post(
            NS + "/schedules",
            "{\"agent\":\"ticker\",\"function\":\"tick\",\"cron\":\"* * * * * *\"" + extra + "}");
    assertThat(resp.status()).as(resp.body().toString()).isEqualTo(201);
    return resp.text("id");
  }

  /**
   * The nominal fire times of the schedule's invocations (from their idempotency keys), oldest
   * first.
   */
  private static List<Instant> fireTimes(TestServer server, String scheduleId) {
    List<Instant> out = new ArrayList<>();
    for (JsonNode inv :
        server.get(NS + "/invocations?agent=ticker&limit=500").body().path("items")) {
      String key = inv.path("idempotency_key").asString();
      if (key.startsWith("schedule:" + scheduleId + ":")) {
        out.add(Instant.ofEpochMilli(Long.parseLong(key.substring(key.lastIndexOf(':') + 1))));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void aSecondsScheduleFiresOnTimeAndExactlyOncePerFireTimeAcrossARestart() {
    String id;
    try (TestServer server = TestServer.start(dir)) {
      registerTicker(server);
      id = createSchedule(server, ",\"overlap\":\"allow\"");
      await().atMost(WAIT).until(() -> fireTimes(server, id).size() >= 3);
      JsonNode first =
          server.get(NS + "/invocations?agent=ticker&limit=500").body().path("items").get(0);
      assertThat(first.path("message").path("type").asString()).isEqualTo("schedule");
      assertThat(first.path("message").path("schedule_name").asString()).isEqualTo(id);
    }
    try (TestServer server = TestServer.start(dir)) {
      int before = fireTimes(server, id).size();
      await().atMost(WAIT).until(() -> fireTimes(server, id).size() >= before + 3);
      List<Instant> times = fireTimes(server, id);
      assertThat(times).doesNotHaveDuplicates();
      for (int i = 1; i < times.size(); i++) {
        // every second, none skipped, none twice: a short restart is caught up fire by fire
        assertThat(Duration.between(times.get(i - 1), times.get(i)))
            .isEqualTo(Duration.ofSeconds(1));
      }
      for (JsonNode inv :
          server.get(NS + "/invocations?agent=ticker&limit=500").body().path("items")) {
        String key = inv.path("idempotency_key").asString();
        Instant fire =
            Instant.ofEpochMilli(Long.parseLong(key.substring(key.lastIndexOf(':') + 1)));
        assertThat(fire.toEpochMilli() % 1000).isZero();
        assertThat(Instant.parse(inv.path("created_at").asString())).isAfterOrEqualTo(fire);
      }
    }
  }

  @Test
  void overlapSkipDoesNotFireWhileThePreviousRunIsUnfinished() {
    try (TestServer server = TestServer.start(dir)) {
      registerTicker(server);
      String id = createSchedule(server, "");
      await().atMost(WAIT).until(() -> fireTimes(server, id).size() == 1);
      await()
          .atMost(WAIT)
          .until(() -> {
            JsonNode s = server.get(NS + "/schedules/" + id).body();
            return Instant.parse(s.path("next_fire_at").asString())
                .isAfter(fireTimes(server, id).get(0).plusSeconds(2));
          });
      assertThat(fireTimes(server, id)).hasSize(1);
    }
  }

  @ParameterizedTest(name = "catchup={0}")
  @CsvSource({"one, 1", "none, 0"})
  void firesMissedDuringDowntimeAreCaughtUpOnceOrDropped(String catchup, int fires) {
    String id;
    Instant firstDue;
    try (TestServer server = TestServer.start(dir)) {
      registerTicker(server);
      var resp =
          server.post(
              NS + "/schedules",
              "{\"agent\":\"ticker\",\"function\":\"tick\",\"cron\":\"0 0 3 * * *\","
                  + "\"overlap\":\"allow\",\"catchup\":\""
                  + catchup
                  + "\"}");
      id = resp.text("id");
      firstDue = Instant.parse(resp.text("next_fire_at"));
    }
    // The server comes back five minutes after the third missed 03:00 fire (its clock set ahead).
    Instant missedLast = firstDue.plus(Duration.ofDays(2));
    Duration ahead = Duration.between(Instant.now(), missedLast.plus(Duration.ofMinutes(5)));
    try (TestServer later = TestServer.startAhead(dir, ahead)) {
      await()
          .atMost(WAIT)
          .until(() ->
              Instant.parse(later.get(NS + "/schedules/" + id).text("next_fire_at"))
                  .equals(missedLast.plus(Duration.ofDays(1))));
      List<Instant> times = fireTimes(later, id);
      assertThat(times).hasSize(fires);
      if (fires == 1) {
        assertThat(times.get(0)).as("one fire, for the latest missed time").isEqualTo(missedLast);
      }
    }
  }

  @Test
  void aPausedScheduleDoesNotFireUntilResumed() {
    try (TestServer server = TestServer.start(dir)) {
      registerTicker(server);
      String id = createSchedule(server, ",\"paused\":true");
      var before = server.get(NS + "/schedules/" + id).body();
      assertThat(before.path("paused").asBoolean()).isTrue();
      await().pollDelay(Duration.ofMillis(2500)).atMost(WAIT).until(() -> true);
      assertThat(fireTimes(server, id)).isEmpty();
      assertThat(server.send("PATCH", NS + "/schedules/" + id, "{\"paused\":false}", null).status())
          .isEqualTo(200);
      await().atMost(WAIT).until(() -> !fireTimes(server, id).isEmpty());
    }
  }

  @Test
  void aScheduleTriggerDeclaredAtRegistrationFollowsTheAgent() {
    try (TestServer server = TestServer.start(dir)) {
      server.put(
          NS + "/agents/ticker",
          "{\"functions\":[{\"name\":\"tick\",\"triggers\":[{\"type\":\"schedule\","
              + "\"cron\":\"* * * * * *\",\"timezone\":\"Europe/Berlin\",\"payload\":{\"from\":\"trigger\"}}]}]}");
      var schedules = server.get(NS + "/schedules").body().path("items");
      assertThat(schedules).hasSize(1);
      JsonNode s = schedules.get(0);
      assertThat(s.path("name").asString()).isEqualTo("ticker.tick");
      assertThat(s.path("declared").asBoolean()).isTrue();
      assertThat(s.path("timezone").asString()).isEqualTo("Europe/Berlin");
      String id = s.path("id").asString();
      await().atMost(WAIT).until(() -> !fireTimes(server, id).isEmpty());
      JsonNode inv = server.get(NS + "/invocations?agent=ticker").body().path("items").get(0);
      assertThat(inv.path("payload").path("from").asString()).isEqualTo("trigger");
      server.put(NS + "/agents/ticker", "{\"functions\":[{\"name\":\"tick\"}]}");
      assertThat(server.get(NS + "/schedules").body().path("items")).isEmpty();
    }
  }

  @Test
  void badSchedulesAreRefusedAndNothingIsStored() {
    try (TestServer server = TestServer.start(dir)) {
      registerTicker(server);
      String base = "{\"agent\":\"ticker\",\"function\":\"tick\",";
      assertThat(error(server.post(NS + "/schedules", base + "\"cron\":\"* * *\"}"), 422))
          .contains("has 3 fields");
      assertThat(error(server.post(NS + "/schedules", base + "\"cron\":\"99 * * * *\"}"), 422))
          .contains("invalid");
      // Issue 19: a date that does not exist, and a payload over the limit every invocation has.
      assertThat(error(server.post(NS + "/schedules", base + "\"cron\":\"0 0 30 2 *\"}"), 422))
          .contains("never fires");
      String huge = "\"" + "x".repeat(3 * 1024 * 1024) + "\"";
      var tooBig =
          server.post(
              NS + "/schedules", base + "\"cron\":\"* * * * *\",\"payload\":{\"x\":" + huge + "}}");
      assertThat(tooBig.status()).isBetween(400, 499);
      assertThat(tooBig.body().toString()).contains("payload");
      assertThat(
              error(
                  server.post(
                      NS + "/schedules",
                      base + "\"cron\":\"* * * * *\",\"timezone\":\"Moon/Base\"}"),
                  422))
          .contains("not an IANA time zone");
      assertThat(
              error(
                  server.post(
                      NS + "/schedules", base + "\"cron\":\"* * * * *\",\"overlap\":\"maybe\"}"),
                  422))
          .contains("overlap");
      assertThat(
              error(
                  server.post(
                      NS + "/schedules",
                      "{\"agent\":\"ghost\",\"function\":\"tick\",\"cron\":\"* * * * *\"}"),
                  404))
          .contains("ghost");
      assertThat(
              error(
                  server.put(
                      NS + "/agents/ticker",
                      "{\"functions\":[{\"name\":\"tick\",\"triggers\":[{\"type\":"
                          + "\"schedule\",\"cron\":\"nope\"}]}]}"),
                  422))
          .contains("cron 'nope'");
      assertThat(server.get(NS + "/schedules").body().path("items")).isEmpty();
      // The refused registration changed nothing: the function is still callable only, with no
      // schedule.
      assertThat(
              server
                  .get(NS + "/agents/ticker")
                  .body()
                  .path("functions")
                  .get(0)
                  .path("triggers")
                  .toString())
          .isEqualTo("[{\"type\":\"callable\"}]");
      String id = createSchedule(server, ",\"name\":\"only-one\"");
      assertThat(
              error(
                  server.post(
                      NS + "/schedules", base + "\"cron\":\"* * * * *\",\"name\":\"only-one\"}"),
                  409))
          .contains("already exists");
      assertThat(
              error(server.send("PATCH", NS + "/schedules/" + id, "{\"cron\":\"x\"}", null), 422))
          .contains("cron");
      // Issue 19: a PATCH holds a payload to the same rule as a create.
      for (String payload : new String[] {"5", "null", "[1]", "\"text\""}) {
        var patched =
            server.send("PATCH", NS + "/schedules/" + id, "{\"payload\":" + payload + "}", null);
        assertThat(patched.status()).as(payload).isEqualTo(400);
      }
      assertThat(server.get(NS + "/schedules/" + id).text("cron")).isEqualTo("* * * * * *");
    }
  }

  private static String error(TestServer.Response resp, int status) {
    assertThat(resp.status()).as(resp.body().toString()).isEqualTo(status);
    return resp.body().path("error").path("message").asString();
  }
}
