package dev.agentdispatch.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps a connection's prepared statements for reuse. sqlite-jdbc compiles every {@code
 * prepareStatement} anew (a JNI call), which profiling showed to be the largest cost on the writer
 * thread. The store's code keeps its plain JDBC shape — prepare, use, close — and {@code close()}
 * on a cached statement only resets it. Only for connections used by one thread at a time (the
 * writer, each reader).
 */
final class StatementCache {
  static final int MAX_STATEMENTS = 256;

  private StatementCache() {}

  static Connection wrap(Connection connection) {
    Cache cache = new Cache(connection);
    return (Connection)
        Proxy.newProxyInstance(
            StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, cache);
  }

  private static final class Entry {
    final PreparedStatement statement;
    final PreparedStatement handle;
    boolean inUse;

    Entry(PreparedStatement statement, PreparedStatement handle) {
      this.statement = statement;
      this.handle = handle;
    }
  }

  private static final class Cache implements InvocationHandler {
    private final Connection connection;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    Cache(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("prepareStatement")
          && args != null
          && args.length == 1
          && args[0] instanceof String sql) {
        return prepare(sql);
      }
      if (method.getName().equals("close")) {
        closeAll();
      }
      try {
        return method.invoke(connection, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
      Entry e = entries.get(sql);
      if (e == null || e.inUse || e.statement.isClosed()) {
        if (e != null && e.inUse) {
          // The same SQL is already open further up the call stack: give this caller its own
          // statement.
          return connection.prepareStatement(sql);
        }
        e = newEntry(sql);
        entries.put(sql, e);
        evictIdle();
      }
      e.inUse = true;
      return e.handle;
    }

    private Entry newEntry(String sql) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(sql);
      Entry[] self = new Entry[1];
      PreparedStatement handle =
          (PreparedStatement)
              Proxy.newProxyInstance(
                  StatementCache.class.getClassLoader(),
                  new Class<?>[] {PreparedStatement.class},
                  (p, m, a) -> {
                    if (m.getName().equals("close")) {
                      statement.clearParameters();
                      statement.clearBatch();
                      self[0].inUse = false;
                      return null;
                    }
                    if (m.getName().equals("isClosed")) {
                      return !self[0].inUse || statement.isClosed();
                    }
                    try {
                      return m.invoke(statement, a);
                    } catch (InvocationTargetException ex) {
                      throw ex.getCause();
                    }
                  });
      self[0] = new Entry(statement, handle);
      return self[0];
    }

    private void evictIdle() throws SQLException {
      Iterator<Entry> it = entries.values().iterator();
      while (entries.size() > MAX_STATEMENTS && it.hasNext()) {
        Entry oldest = it.next();
        if (!oldest.inUse) {
          oldest.statement.close();
          it.remove();
        }
      }
    }

    private void closeAll() throws SQLException {
      for (Entry e : entries.values()) {
        e.statement.close();
      }
      entries.clear();
    }
  }
}
