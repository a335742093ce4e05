package dev.agentdispatch.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Work run on a read connection, inside one read transaction (one consistent snapshot). */
@FunctionalInterface
public interface ReadWork<T> {
  T run(Connection connection) throws SQLException;
}
