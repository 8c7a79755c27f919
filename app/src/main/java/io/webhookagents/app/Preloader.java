package io.webhookagents.app;

import io.webhookagents.adapters.sqlite.SqliteNativeLibrary;
import java.lang.management.ManagementFactory;
import org.xnio.Xnio;

/**
 * Does the slow parts of start-up that need no configuration on a thread of its own, while the main
 * thread reads the configuration and builds the object graph.
 *
 * <p>Start-up is otherwise one thread's work, one step after another, with the second processor
 * idle: SQLite's native library is found or copied out of the jar, and loaded, and XNIO registers
 * with the JVM's management server, which is created on first use (about 35 ms; the JVM metrics
 * read the same beans). Each of these is done once, under its library's own lock, so when the main
 * thread reaches one first, this thread waits for it instead of doing it again. Failures are left
 * for the main thread to meet, where they are reported as any start-up failure is.
 */
public final class Preloader {
  private Preloader() {}

  /** Starts preloading; returns at once. */
  public static void start() {
    Thread thread = new Thread(Preloader::preload, "preload");
    thread.setDaemon(true);
    thread.start();
  }

  private static void preload() {
    try {
      SqliteNativeLibrary.load();
      ManagementFactory.getPlatformMBeanServer();
      Xnio.getInstance();
    } catch (Exception | LinkageError e) {
      // Met again, and reported, by the main thread when it opens the database or the server.
    }
  }
}
