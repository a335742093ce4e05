package dev.agentdispatch.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The SQL that differs between databases (STYLE habit 1): everything else is shared. SQLite needs
 * no row locks because one writer thread serialises all writes; PostgreSQL claims with SKIP LOCKED.
 */
public interface Dialect {
  /** A suffix for SELECTs that pick rows to change, e.g. {@code FOR UPDATE SKIP LOCKED}. */
  String lockForClaim();

  /** A suffix for SELECTs that read a row about to change, e.g. {@code FOR UPDATE}. */
  String lockForUpdate();

  /**
   * Takes a lock named by {@code key} until the transaction ends: what two nodes must not do at
   * once (count a flow-control slot and take it) is done under it. SQLite's one writer already
   * serialises every write.
   */
  void lock(Connection c, long key) throws SQLException;

  Dialect SQLITE =
      new Dialect() {
        @Override
        public String lockForClaim() {
          return "";
        }

        @Override
        public String lockForUpdate() {
          return "";
        }

        @Override
        public void lock(Connection c, long key) {}
      };

  Dialect POSTGRES =
      new Dialect() {
        @Override
        public String lockForClaim() {
          return "FOR UPDATE SKIP LOCKED";
        }

        @Override
        public String lockForUpdate() {
          return "FOR UPDATE";
        }

        @Override
        public void lock(Connection c, long key) throws SQLException {
          try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, key);
            ps.executeQuery().close();
          }
        }
      };
}
