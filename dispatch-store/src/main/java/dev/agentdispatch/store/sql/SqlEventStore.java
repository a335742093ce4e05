package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.core.invocation.Invocation;
import dev.agentdispatch.core.invocation.InvocationSpec;
import dev.agentdispatch.core.invocation.InvocationState;
import dev.agentdispatch.store.event.EventRecord;
import dev.agentdispatch.store.event.EventStore;
import dev.agentdispatch.store.event.PublishOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Events over SQL; a publish and its fan-out are one transaction. */
public final class SqlEventStore implements EventStore {
  private static final String COLUMNS =
      "id, namespace, topic, payload, sender_id, trace_id, parent_id, idempotency_key,"
          + " request_hash, invocation_ids, created_at";

  private final Transactor db;

  public SqlEventStore(Transactor db) {
    this.db = db;
  }

  @Override
  public PublishOutcome publish(EventRecord event, List<InvocationSpec> invocations, Instant now) {
    return db.write(tx -> {
      if (event.idempotencyKey().isPresent()) {
        Optional<EventRecord> earlier =
            one(
                tx.connection(),
                "WHERE namespace=? AND idempotency_key=?",
                event.namespace(),
                event.idempotencyKey().get());
        if (earlier.isPresent()) {
          return earlier.get().requestHash().equals(event.requestHash())
              ? new PublishOutcome.Deduplicated(earlier.get())
              : new PublishOutcome.IdempotencyConflict(earlier.get());
        }
      }
      insert(tx.connection(), event);
      // Fan-out invocations carry no idempotency key of their own (the event's covers them): insert
      // in bulk.
      List<Invocation> fanOut =
          invocations.stream()
              .map(spec ->
                  new Invocation(spec, InvocationState.initial(now, now, now.plus(spec.timeout()))))
              .toList();
      InvocationLog.createdAll(tx, fanOut, now);
      return new PublishOutcome.Published(event);
    });
  }

  private static void insert(Connection c, EventRecord e) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO events (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
      bindAll(
          ps,
          e.id(),
          e.namespace(),
          e.topic(),
          e.payloadJson(),
          e.senderId(),
          e.traceId(),
          e.parentId(),
          e.idempotencyKey(),
          e.requestHash(),
          String.join(",", e.invocationIds()),
          e.createdAt());
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<EventRecord> find(String namespace, String id) {
    return db.read(c -> one(c, "WHERE namespace=? AND id=?", namespace, id));
  }

  @Override
  public List<EventRecord> list(String namespace, Optional<String> topic, int limit) {
    return db.read(c ->
        topic.isPresent()
            ? many(
                c,
                "WHERE namespace=? AND topic=? ORDER BY id DESC LIMIT ?",
                namespace,
                topic.get(),
                limit)
            : many(c, "WHERE namespace=? ORDER BY id DESC LIMIT ?", namespace, limit));
  }

  @Override
  public List<EventRecord> byTrace(String namespace, String traceId, int limit) {
    return db.read(c ->
        many(c, "WHERE trace_id=? AND namespace=? ORDER BY id LIMIT ?", traceId, namespace, limit));
  }

  @Override
  public int pruneBefore(Instant cutoff, int limit) {
    return db.write(tx -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps =
          tx.connection().prepareStatement("SELECT id FROM events WHERE created_at<? LIMIT ?")) {
        bindAll(ps, cutoff, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      try (PreparedStatement ps =
          tx.connection().prepareStatement("DELETE FROM events WHERE id=?")) {
        for (String id : ids) {
          ps.setString(1, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return ids.size();
    });
  }

  private static Optional<EventRecord> one(Connection c, String where, Object... args)
      throws SQLException {
    return many(c, where, args).stream().findFirst();
  }

  private static List<EventRecord> many(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM events " + where)) {
      bindAll(ps, args);
      List<EventRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String ids = rs.getString("invocation_ids");
          out.add(
              new EventRecord(
                  rs.getString("id"),
                  rs.getString("namespace"),
                  rs.getString("topic"),
                  rs.getString("payload"),
                  Sql.string(rs, "sender_id"),
                  rs.getString("trace_id"),
                  Sql.string(rs, "parent_id"),
                  Sql.string(rs, "idempotency_key"),
                  Sql.string(rs, "request_hash"),
                  ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")),
                  Sql.instant(rs, "created_at")));
        }
      }
      return out;
    }
  }
}
