package dev.agentdispatch.store.sql;

import java.sql.SQLException;

/** Work run inside a write transaction. */
@FunctionalInterface
public interface TxWork<T> {
  T run(Tx tx) throws SQLException;
}
