package dev.agentdispatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.bench.load.Percentiles;
import dev.agentdispatch.bench.load.Samples;
import dev.agentdispatch.bench.report.MetricSummary;
import dev.agentdispatch.bench.server.PgUrls;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMathTest {
  @Test
  void medianAndSpreadOverRuns() {
    MetricSummary m = MetricSummary.of("throughput_per_s", List.of(90.0, 110.0, 100.0, Double.NaN));

    assertThat(m.median()).isEqualTo(100.0);
    assertThat(m.min()).isEqualTo(90.0);
    assertThat(m.max()).isEqualTo(110.0);
    assertThat(m.spreadPercent()).isEqualTo(20.0);
    assertThat(m.runs()).isEqualTo(3);
    assertThat(m.unit()).isEqualTo("/s");
    assertThat(MetricSummary.of("x_ms", List.of(1.0, 2.0)).median()).isEqualTo(1.5);
  }

  @Test
  void percentilesAreNearestRankInMilliseconds() {
    Samples a = new Samples();
    Samples b = new Samples();
    for (int i = 1; i <= 100; i++) {
      (i % 2 == 0 ? a : b).add(i * 1_000_000L);
    }

    Percentiles p = Percentiles.of(List.of(a, b));

    assertThat(p.count()).isEqualTo(100);
    assertThat(p.p50()).isEqualTo(50.0);
    assertThat(p.p90()).isEqualTo(90.0);
    assertThat(p.p99()).isEqualTo(99.0);
    assertThat(p.max()).isEqualTo(100.0);
    assertThat(Percentiles.of(List.of(new Samples())).count()).isZero();
  }

  @Test
  void postgresUrlsBecomeJdbcUrls() {
    assertThat(PgUrls.jdbc("postgresql://postgres@127.0.0.1:5432/bench"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/bench?user=postgres");
    assertThat(PgUrls.jdbc("postgres://u:p@localhost/db"))
        .isEqualTo("jdbc:postgresql://localhost:5432/db?user=u&password=p");
    assertThat(PgUrls.database("postgresql://postgres@127.0.0.1:5432/bench_dbs"))
        .isEqualTo("bench_dbs");
  }

  @Test
  void onlyLoopbackServersMayBeDriven() {
    BenchConfig.requireLoopback(URI.create("http://127.0.0.1:7070"));
    BenchConfig.requireLoopback(URI.create("http://localhost:7070"));
    assertThatThrownBy(() -> BenchConfig.requireLoopback(URI.create("http://10.0.0.1:7070")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }
}
