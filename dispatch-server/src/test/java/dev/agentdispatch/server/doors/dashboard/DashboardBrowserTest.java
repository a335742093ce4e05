package dev.agentdispatch.server.doors.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentdispatch.core.auth.Role;
import dev.agentdispatch.sdk.client.DispatchClient;
import dev.agentdispatch.sdk.worker.Worker;
import dev.agentdispatch.server.ServerConfig;
import dev.agentdispatch.server.SessionAgent;
import dev.agentdispatch.server.TestAgent;
import dev.agentdispatch.server.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (headless Chromium) against a real server with real workers: live
 * logs, retry from the dead letters, answering a session's prompt, the trace waterfall, escaping,
 * auth, and every page loading without a console error (with a screenshot of each). One server and
 * one browser serve every case, in order, so the later pages have data to show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  private static final String NS = "/v1/namespaces/default";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir static Path dir;
  static Browser browser;
  static TestServer server;
  static DashAgent dash;
  static final List<Worker> workers = new ArrayList<>();

  /** Ids the page tour opens, found by the earlier cases. */
  static String someInvocation;

  static String someTrace;

  @BeforeAll
  static void start() {
    browser = Browser.start(); // first: skips the class when there is no browser
    server = TestServer.start(dir);
    dash = new DashAgent();
    workers.add(worker(server.client(), DashAgent.NAME, dash));
    workers.add(worker(server.client(), TestAgent.NAME, new TestAgent()));
    workers.add(worker(server.client(), SessionAgent.NAME, new SessionAgent()));
  }

  @AfterAll
  static void stop() {
    workers.forEach(Worker::stop);
    if (server != null) {
      server.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  private static Worker worker(DispatchClient client, String agent, Object handlers) {
    return Worker.builder()
        .client(client)
        .agent(agent)
        .register(handlers)
        .pollWait(Duration.ofSeconds(1))
        .gracePeriod(Duration.ofSeconds(1))
        .build()
        .start();
  }

  @Test
  @Order(1)
  void filesAreServedWithAStrictPolicyAndDeepLinksLoadTheApp() throws Exception {
    HttpResponse<String> root = fetch(server.url() + "/", Map.of());
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/ui/");

    HttpResponse<String> deep = fetch(server.url() + "/ui/invocations/some-id", Map.of());
    assertThat(deep.statusCode()).isEqualTo(200);
    assertThat(deep.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(deep.body()).contains("/ui/assets/app.js");
    String csp = deep.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe");
    assertThat(deep.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    HttpResponse<String> js = fetch(server.url() + "/ui/assets/app.js", Map.of());
    assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    String etag = js.headers().firstValue("ETag").orElseThrow();
    assertThat(
            fetch(server.url() + "/ui/assets/app.js", Map.of("If-None-Match", etag)).statusCode())
        .isEqualTo(304);
    assertThat(fetch(server.url() + "/ui/assets/missing.js", Map.of()).statusCode()).isEqualTo(404);
    assertThat(fetch(server.url() + "/ui/assets/%2e%2e/index.html", Map.of()).statusCode())
        .isIn(400, 404);
  }

  @Test
  @Order(2)
  void aLiveInvocationsLogLinesAppearOnItsPageWhileItRuns() {
    String id =
        invoke("{\"agent\":\"dash\",\"function\":\"talk\",\"payload\":{\"text\":\"live-1\"}}");
    someInvocation = id;
    browser.open(server.url() + "/ui/invocations/" + id);
    browser.find("#event-log");
    browser.driver.executeScript("window.__sameDocument = true");
    browser.await(d -> logText().contains("first line of live-1"));
    // The handler is parked on the gate: the line arrived while the invocation runs.
    assertThat(server.get(NS + "/invocations/" + id).text("status")).isEqualTo("running");
    assertThat(logText()).doesNotContain("second line of live-1");
    browser.screenshot("invocation-live");

    dash.talkGate.countDown();
    browser.await(d -> logText().contains("second line of live-1"));
    browser.await(d -> d.findElement(By.cssSelector("h1 .badge")).getText().equals("completed"));
    browser.awaitText("talked:live-1");
    assertThat(browser.driver.executeScript("return window.__sameDocument === true"))
        .as("updated in place, not reloaded")
        .isEqualTo(true);
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  @Order(3)
  void retryFromTheDeadLetterPageRerunsAnInvocation() {
    String id =
        invoke(
            "{\"agent\":\"dash\",\"function\":\"flip\",\"payload\":{\"text\":\"dl-1\"},"
                + "\"retry\":{\"max_attempts\":1}}");
    assertThat(waitTerminal(id).path("status").asString()).isEqualTo("error");

    browser.open(server.url() + "/ui/dead-letters");
    WebElement pick = browser.find("input.pick[value='" + id + "']");
    browser.screenshot("dead-letters-before-retry");
    pick.click();
    dash.broken = false;
    browser.find("#retry-selected").click();
    browser.awaitText("Retried 1.");

    JsonNode rerun = waitTerminal(id);
    assertThat(rerun.path("status").asString()).isEqualTo("completed");
    assertThat(rerun.path("result").path("text").asString()).isEqualTo("flipped:dl-1");
    assertThat(rerun.path("attempts")).hasSize(2);
    browser.await(d -> d.findElements(By.cssSelector("input.pick[value='" + id + "']")).isEmpty());
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  @Order(4)
  void aSessionsWaitingForInputPromptAnsweredFromThePageResumesTheRun() {
    assertThat(
            server
                .post(NS + "/sessions", "{\"agent\":\"chat\",\"session_id\":\"dash-s1\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            server
                .post(NS + "/sessions/dash-s1/inputs", "{\"input\":{\"text\":\"approve:prod\"}}")
                .status())
        .isEqualTo(202);
    await()
        .atMost(WAIT)
        .until(
            () -> server.get(NS + "/sessions/dash-s1").text("status").equals("waiting_for_input"));

    browser.open(server.url() + "/ui/sessions/dash-s1");
    WebElement waiting = browser.find("#waiting");
    assertThat(waiting.getText()).contains("deploy prod?");
    browser.screenshot("session-waiting");
    browser.find("#answer-text").sendKeys("{\"text\":\"yes\"}");
    browser.find("#answer button[type=submit]").click();

    await()
        .atMost(WAIT)
        .until(() -> server.get(NS + "/sessions/dash-s1").text("status").equals("idle"));
    JsonNode runs = server.get(NS + "/invocations?session_id=dash-s1").body().path("items");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("status").asString()).isEqualTo("completed");
    assertThat(runs.get(0).path("result").path("text").asString()).isEqualTo("decision:yes");
    browser.awaitText("decision:yes"); // the conversation follows the live stream
    browser.await(d -> d.findElements(By.id("waiting")).isEmpty());
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  @Order(5)
  void aTraceWaterfallShowsTheTree() {
    JsonNode created =
        server
            .post(
                NS + "/invocations",
                "{\"agent\":\"tester\",\"function\":\"parent\",\"payload\":{\"text\":\"tr-1\"}}")
            .body();
    String parent = created.path("invocation_id").asString();
    String trace = created.path("trace_id").asString();
    someTrace = trace;
    String child = waitTerminal(parent).path("result").path("text").asString();
    waitTerminal(child);
    assertThat(
            server
                .post(
                    NS + "/llm/calls",
                    "{\"model\":\"gpt-4o-mini\",\"provider\":\"openai\",\"input_tokens\":120,"
                        + "\"output_tokens\":30,\"agent\":\"tester\",\"trace_id\":\""
                        + trace
                        + "\",\"invocation_id\":\""
                        + parent
                        + "\"}")
                .status())
        .isEqualTo(201);

    browser.open(server.url() + "/ui/traces/" + trace);
    browser.await(d -> d.findElements(By.cssSelector("#waterfall tbody tr")).size() == 3);
    List<String> rows =
        browser.driver.findElements(By.cssSelector("#waterfall tbody tr")).stream()
            .map(r ->
                r.getAttribute("data-depth")
                    + " "
                    + r.getAttribute("data-kind")
                    + " "
                    + r.findElement(By.cssSelector("td.node")).getText())
            .toList();
    assertThat(rows.get(0)).isEqualTo("0 invocation tester.parent");
    assertThat(rows.subList(1, 3))
        .containsExactlyInAnyOrder(
            "1 invocation tester.echo", "1 llm_call LLM gpt-4o-mini (openai)");
    assertThat(
            browser
                .find("#waterfall tr[data-kind='invocation'][data-depth='1']")
                .getAttribute("data-id"))
        .isEqualTo(child);
    assertThat(browser.find("#waterfall tr[data-kind='llm_call']").getText()).contains("150");
    browser.awaitText("Tokens");
    assertThat(browser.mainText()).contains("150");
    browser.find("#waterfall tr[data-depth='1'][data-kind='invocation'] td.node a").click();
    browser.await(d -> d.getCurrentUrl().endsWith("/ui/invocations/" + child));
    browser.awaitText("echo:child-of-tr-1");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  @Order(6)
  void aPayloadWithMarkupRendersAsText() {
    String evil = "<script>window.__pwned=1</script><img src=x onerror=\\\"window.__pwned=2\\\">";
    String id =
        invoke(
            "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"" + evil + "\"}}");
    waitTerminal(id);
    browser.open(server.url() + "/ui/invocations/" + id);
    browser.awaitText("echo:<script>");
    assertThat(browser.find("pre.json").getText())
        .contains("<script>window.__pwned=1</script><img src=x onerror=");
    assertThat(browser.driver.findElements(By.cssSelector("#main script, #main img"))).isEmpty();
    browser.open(server.url() + "/ui/invocations");
    browser.awaitText("tester.echo");
    assertThat(browser.driver.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  @Order(7)
  void everyPageLoadsWithoutConsoleErrors() {
    server.post(
        NS + "/schedules",
        "{\"name\":\"nightly\",\"agent\":\"tester\",\"function\":\"echo\",\"cron\":\"0 3 * * *\","
            + "\"payload\":{\"text\":\"night\"}}");
    server.post(NS + "/events", "{\"topic\":\"orders.created\",\"payload\":{\"order\":42}}");
    waitTerminal(
        invoke(
            "{\"agent\":\"tester\",\"function\":\"failing\",\"payload\":{\"text\":\"tour\"},"
                + "\"retry\":{\"max_attempts\":1}}"));
    server.put(NS + "/sessions/dash-s1/state", "{\"state\":{\"step\":1,\"plan\":[\"a\"]}}");
    server.put(NS + "/sessions/dash-s1/state", "{\"state\":{\"step\":2,\"plan\":[\"a\",\"b\"]}}");

    record Page(String name, String path, String shows) {}
    List<Page> pages =
        List.of(
            new Page("overview", "/ui/", "Per agent"),
            new Page("agents", "/ui/agents", "tester"),
            new Page("agent", "/ui/agents/dash", "Input schema"),
            new Page("invocations", "/ui/invocations", "dash.talk"),
            new Page("invocation", "/ui/invocations/" + someInvocation, "talked:live-1"),
            new Page("traces", "/ui/traces", "Recent traces"),
            new Page("trace", "/ui/traces/" + someTrace, "Waterfall"),
            new Page("sessions", "/ui/sessions", "dash-s1"),
            new Page("session", "/ui/sessions/dash-s1", "Revisions"),
            new Page("schedules", "/ui/schedules", "nightly"),
            new Page("events", "/ui/events", "orders.created"),
            new Page("dead-letters", "/ui/dead-letters", "boom tour"),
            new Page("tasks", "/ui/tasks", "Escalations"),
            new Page("escalations", "/ui/tasks/escalations", "Escalated tasks"),
            new Page("usage", "/ui/usage", "Cost by agent"));
    browser.consoleErrors(); // start clean
    for (Page p : pages) {
      browser.open(server.url() + p.path());
      browser.awaitText(p.shows());
      browser.screenshot(p.name());
      assertThat(browser.consoleErrors()).as("console errors on " + p.path()).isEmpty();
    }
    // Links work inside the app without reloading: the nav goes to another page in place.
    browser.driver.executeScript("window.__sameDocument = true");
    browser.driver.findElement(By.linkText("Agents")).click();
    browser.await(d -> d.findElement(By.tagName("h1")).getText().equals("Agents"));
    assertThat(browser.driver.executeScript("return window.__sameDocument === true"))
        .isEqualTo(true);
  }

  @Test
  @Order(8)
  void withAuthOnNoPageShowsDataWithoutAKey() throws Exception {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withDb("sqlite:" + dir.resolve("auth.db"))
            .withRequireAuth(true);
    try (TestServer secured = TestServer.start(config)) {
      String admin = secured.newKey(Role.ADMIN, "*");
      String reader = secured.newKey(Role.READ, "default");
      Worker w =
          worker(
              DispatchClient.builder().baseUrl(secured.url()).apiKey(admin).build(),
              TestAgent.NAME,
              new TestAgent());
      try {
        TestServer.Response created =
            secured.send(
                "POST",
                NS + "/invocations",
                "{\"agent\":\"tester\",\"function\":\"echo\",\"payload\":{\"text\":\"top-secret\"}}",
                admin);
        String id = created.text("invocation_id");
        await()
            .atMost(WAIT)
            .until(() ->
                secured
                    .send("GET", NS + "/invocations/" + id, null, admin)
                    .text("status")
                    .equals("completed"));
        secured.send(
            "POST",
            NS + "/sessions",
            "{\"agent\":\"tester\",\"session_id\":\"secret-session\"}",
            admin);

        for (String path :
            List.of(
                "/ui/",
                "/ui/agents",
                "/ui/agents/tester",
                "/ui/invocations",
                "/ui/invocations/" + id,
                "/ui/traces",
                "/ui/traces/" + created.text("trace_id"),
                "/ui/sessions",
                "/ui/sessions/secret-session",
                "/ui/schedules",
                "/ui/events",
                "/ui/dead-letters",
                "/ui/tasks",
                "/ui/usage")) {
          browser.open(secured.url() + path);
          browser.find("#key");
          assertThat(browser.mainText())
              .as(path)
              .contains("API key needed")
              .doesNotContain("top-secret", "tester", id, "secret-session");
          assertThat(browser.driver.findElements(By.cssSelector("#main table"))).isEmpty();
        }
        browser.screenshot("api-key");

        browser.open(secured.url() + "/ui/invocations/" + id);
        browser.find("#key").sendKeys(reader);
        browser.find("form.login button[type=submit]").click();
        browser.awaitText("top-secret");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain(reader);
        assertThat(browser.driver.executeScript("return sessionStorage.getItem('dispatch.key')"))
            .isEqualTo(reader);
        browser.find("#signout").click();
        browser.find("#key");
        assertThat(browser.mainText()).doesNotContain("top-secret");
      } finally {
        w.stop();
        browser.forgetSession();
      }
    }
  }

  private static String logText() {
    return browser.driver.findElement(By.id("event-log")).getText();
  }

  private static String invoke(String body) {
    TestServer.Response r = server.post(NS + "/invocations", body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
    return r.text("invocation_id");
  }

  private static JsonNode waitTerminal(String id) {
    return server.get(NS + "/invocations/" + id + "?wait_seconds=20").body();
  }

  private static HttpResponse<String> fetch(String url, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url));
    headers.forEach(req::header);
    return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }
}
