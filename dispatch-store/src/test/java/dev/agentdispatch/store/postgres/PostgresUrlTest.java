package dev.agentdispatch.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentdispatch.store.StoreEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
  @Test
  void parsesUserPasswordHostPortDatabaseAndParameters() {
    PostgresUrl url =
        PostgresUrl.parse(
            "postgresql://app:s%40cret@db.local:6543/dispatch?sslmode=require&currentSchema=x");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).contains("s@cret");
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.local:6543/dispatch?sslmode=require&currentSchema=x");
    assertThat(url.schema()).contains("x");
    assertThat(url.describe()).doesNotContain("s@cret");
  }

  @Test
  void defaultsUserAndPort() {
    PostgresUrl url = PostgresUrl.parse("postgres://127.0.0.1/test");
    assertThat(url.user()).isEqualTo("postgres");
    assertThat(url.port()).isEqualTo(5432);
  }

  @Test
  void badUrlsAreExplainedWithoutLeakingThePassword() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://u:pw@host:5432/"))
        .hasMessageContaining("names no database")
        .hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql:///db"))
        .hasMessageContaining("names no host");
    assertThatThrownBy(() -> PostgresUrl.parse("postgresql://h/db?novalue"))
        .hasMessageContaining("not name=value");
  }

  @Test
  void notificationPayloadsRoundTripAndCoalescePerAgent() {
    Instant t = Instant.ofEpochMilli(1_000);
    List<StoreEvent> events =
        List.of(
            new StoreEvent.WorkAvailable("ns", "a", "f", t.plusMillis(5)),
                new StoreEvent.WorkAvailable("ns", "a", "f", t),
            new StoreEvent.InvocationChanged("ns", "i1", true),
                new StoreEvent.InvocationChanged("ns", "i2", false));
    var notes = PgChannels.notificationsFor(events);
    assertThat(notes).hasSize(2);
    List<StoreEvent> back =
        notes.stream()
            .flatMap(n -> PgChannels.eventsOf(n.getKey(), n.getValue()).stream())
            .toList();
    assertThat(back)
        .containsExactly(
            new StoreEvent.WorkAvailable("ns", "a", "f", t),
            new StoreEvent.InvocationChanged("ns", "i1", true));
  }
}
