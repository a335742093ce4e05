package dev.agentdispatch.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** One {@code GET /metrics} answer, read as Prometheus text: samples by name and labels. */
record Scrape(int status, String contentType, String text) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static Scrape of(String baseUrl) throws Exception {
    return of(baseUrl, Optional.empty());
  }

  static Scrape of(String baseUrl, Optional<String> apiKey) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + "/metrics")).GET();
    apiKey.ifPresent(k -> req.header("Authorization", "Bearer " + k));
    HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    return new Scrape(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /**
   * The value of the one sample named {@code name} whose labels include every {@code labels} pair
   * ({@code key="value"} strings); empty when there is none.
   */
  Optional<Double> value(String name, String... labels) {
    List<String> lines =
        text.lines()
            .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
            .filter(l -> List.of(labels).stream().allMatch(l::contains))
            .toList();
    assertThat(lines).as("samples of %s with %s", name, List.of(labels)).hasSizeLessThan(2);
    return lines.stream()
        .findFirst()
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  double require(String name, String... labels) {
    return value(name, labels)
        .orElseThrow(() ->
            new AssertionError("no sample " + name + " " + List.of(labels) + " in:\n" + text));
  }

  boolean mentions(String text) {
    return Pattern.compile(Pattern.quote(text)).matcher(this.text).find();
  }
}
