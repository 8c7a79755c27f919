package io.webhookagents.adapters.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The writer's connection: statements prepared once and reused, and the transaction left to the
 * writer.
 *
 * <p>sqlite-jdbc compiles the SQL again on every {@code prepareStatement}, which for an insert
 * costs about as much as running it, and the writer runs the same few statements thousands of times
 * a second. The row classes prepare and close a statement on every call, as they must on pooled
 * connections; on this connection {@code close} hands the statement back for the next unit instead.
 * A statement that threw is closed for real when it is handed back, because sqlite-jdbc finalizes a
 * statement on some errors. A statement asked for while its cached copy is in use, or beyond
 * {@value #MAX_STATEMENTS} different SQL texts, is prepared as usual and closed for real.
 *
 * <p>Units may not commit, roll back, switch auto-commit or close the connection: they run inside
 * the writer's transaction, which holds other callers' writes too.
 *
 * <p>Not thread-safe: only the writer thread uses it.
 */
final class WriteConnection implements AutoCloseable {
  private static final int MAX_STATEMENTS = 64;
  private static final Set<String> LEFT_TO_THE_WRITER =
      Set.of("close", "commit", "rollback", "setAutoCommit");

  private final Connection connection;
  private final Connection forUnits;
  private final Map<String, Cached> statements = new HashMap<>();

  /** Takes over {@code connection}, which {@link #close} closes. */
  WriteConnection(Connection connection) {
    this.connection = connection;
    this.forUnits = proxy(Connection.class, (proxy, method, args) -> onConnection(method, args));
  }

  /** The connection to run units and the writer's own statements on. */
  Connection connection() {
    return forUnits;
  }

  /** Closes every cached statement, then the connection. */
  @Override
  public void close() throws SQLException {
    try (connection) {
      List<Cached> cached = new ArrayList<>(statements.values());
      statements.clear();
      for (Cached statement : cached) {
        statement.statement.close();
      }
    }
  }

  private @Nullable Object onConnection(Method method, @Nullable Object[] args) throws Throwable {
    String name = method.getName();
    if (name.equals("prepareStatement") && args != null && args.length == 1) {
      return prepare((String) args[0]);
    }
    if (LEFT_TO_THE_WRITER.contains(name)) {
      throw new SQLException(
          "a write unit cannot call " + name + ": the writer owns the transaction");
    }
    return invoke(connection, method, args);
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    Cached cached = statements.get(sql);
    if (cached == null && statements.size() < MAX_STATEMENTS) {
      cached = new Cached(sql, connection.prepareStatement(sql));
      statements.put(sql, cached);
    }
    if (cached == null || cached.inUse) {
      return connection.prepareStatement(sql);
    }
    cached.inUse = true;
    return cached.handedOut;
  }

  /** A statement kept for reuse, and the stand-in for it that units get and close. */
  private final class Cached implements InvocationHandler {
    private final String sql;
    private final PreparedStatement statement;
    private final PreparedStatement handedOut;
    private boolean inUse;
    private boolean failed;

    Cached(String sql, PreparedStatement statement) {
      this.sql = sql;
      this.statement = statement;
      this.handedOut = proxy(PreparedStatement.class, this);
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
        throws Throwable {
      String name = method.getName();
      if (name.equals("close")) {
        handBack();
        return null;
      }
      if (name.equals("getConnection")) {
        return forUnits;
      }
      try {
        return WriteConnection.invoke(statement, method, args);
      } catch (SQLException e) {
        failed = true;
        statements.remove(sql, this);
        throw e;
      }
    }

    private void handBack() throws SQLException {
      if (!inUse) {
        return;
      }
      inUse = false;
      if (failed) {
        statement.close();
      } else {
        statement.clearParameters();
      }
    }
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    Object proxy =
        Proxy.newProxyInstance(
            WriteConnection.class.getClassLoader(), new Class<?>[] {type}, handler);
    return type.cast(proxy);
  }

  private static @Nullable Object invoke(Object target, Method method, @Nullable Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
