package dev.agentdispatch.store.sql;

import static dev.agentdispatch.store.sql.Sql.bindAll;

import dev.agentdispatch.store.llm.LlmPriceStore;
import dev.agentdispatch.store.llm.PriceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Per-namespace model prices over SQL. */
public final class SqlLlmPriceStore implements LlmPriceStore {
  private static final String COLUMNS =
      "namespace, model, input_micros_per_mtok, output_micros_per_mtok,"
          + " cache_read_micros_per_mtok, cache_write_micros_per_mtok, updated_at";

  private final Transactor db;

  public SqlLlmPriceStore(Transactor db) {
    this.db = db;
  }

  @Override
  public PriceRecord put(PriceRecord p) {
    db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement(
                  "INSERT INTO llm_prices ("
                      + COLUMNS
                      + ") VALUES (?,?,?,?,?,?,?) ON CONFLICT (namespace, model) DO UPDATE SET"
                      + " input_micros_per_mtok = excluded.input_micros_per_mtok,"
                      + " output_micros_per_mtok = excluded.output_micros_per_mtok,"
                      + " cache_read_micros_per_mtok = excluded.cache_read_micros_per_mtok,"
                      + " cache_write_micros_per_mtok = excluded.cache_write_micros_per_mtok,"
                      + " updated_at = excluded.updated_at")) {
        bindAll(
            ps,
            p.namespace(),
            p.model(),
            p.inputMicros(),
            p.outputMicros(),
            p.cacheReadMicros(),
            p.cacheWriteMicros(),
            p.updatedAt());
        return ps.executeUpdate();
      }
    });
    return p;
  }

  @Override
  public Optional<PriceRecord> find(String namespace, String model) {
    return db.read(
        c -> select(c, "WHERE namespace=? AND model=?", namespace, model).stream().findFirst());
  }

  @Override
  public List<PriceRecord> list(String namespace) {
    return db.read(c -> select(c, "WHERE namespace=? ORDER BY model", namespace));
  }

  @Override
  public boolean delete(String namespace, String model) {
    return db.write(tx -> {
      try (PreparedStatement ps =
          tx.connection()
              .prepareStatement("DELETE FROM llm_prices WHERE namespace=? AND model=?")) {
        bindAll(ps, namespace, model);
        return ps.executeUpdate() > 0;
      }
    });
  }

  private static List<PriceRecord> select(Connection c, String where, Object... args)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM llm_prices " + where)) {
      bindAll(ps, args);
      List<PriceRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new PriceRecord(
                  rs.getString("namespace"),
                  rs.getString("model"),
                  rs.getLong("input_micros_per_mtok"),
                  rs.getLong("output_micros_per_mtok"),
                  rs.getLong("cache_read_micros_per_mtok"),
                  rs.getLong("cache_write_micros_per_mtok"),
                  Sql.instant(rs, "updated_at")));
        }
      }
      return out;
    }
  }
}
