package dev.agentdispatch.store.sql;

/**
 * The SQL that differs between databases (STYLE habit 1): everything else is shared. SQLite needs
 * no row locks because one writer thread serialises all writes; PostgreSQL claims with SKIP LOCKED.
 */
public interface Dialect {
  /** A suffix for SELECTs that pick rows to change, e.g. {@code FOR UPDATE SKIP LOCKED}. */
  String lockForClaim();

  /** A suffix for SELECTs that read a row about to change, e.g. {@code FOR UPDATE}. */
  String lockForUpdate();

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
      };
}
