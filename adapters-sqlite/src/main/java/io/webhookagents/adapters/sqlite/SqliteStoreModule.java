package io.webhookagents.adapters.sqlite;

import dagger.Module;
import dagger.Provides;
import io.webhookagents.ports.out.AgentStore;
import javax.inject.Singleton;

/**
 * Provides the {@link AgentStore} on the SQLite file named by a bound {@link SqliteSettings}.
 *
 * <p>The database is opened (and migrated) once per component, which must be {@code
 * javax.inject.Singleton}-scoped. The component should expose {@link SqliteDatabase} too, so that
 * the application can close it on shutdown.
 */
@Module
public final class SqliteStoreModule {
  private SqliteStoreModule() {}

  @Provides
  @Singleton
  static SqliteDatabase database(SqliteSettings settings) {
    return SqliteDatabase.open(settings);
  }

  @Provides
  static AgentStore agentStore(SqliteDatabase database) {
    return database.agentStore();
  }
}
