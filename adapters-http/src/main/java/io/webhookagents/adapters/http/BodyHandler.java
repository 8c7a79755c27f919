package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.jspecify.annotations.Nullable;

/**
 * A handler that takes a request body. {@link Router} first runs {@link #admit} and reads the body
 * on the IO thread, so that a slow client holds no worker thread; only then does {@link
 * #handleRequest} run, with the body in {@link BodyIntake#body}: on a worker in blocking mode, or,
 * for a handler that {@link #neverBlocks}, on that same IO thread.
 */
interface BodyHandler extends HttpHandler {

  /** The largest body taken; a longer one is refused with 413. */
  long maxBodyBytes();

  /**
   * Checks what can be checked before the body is read. Runs on the IO thread, so it must not
   * block.
   *
   * @throws ProblemException when the request is refused
   */
  void admit(HttpServerExchange exchange);

  /**
   * True when {@link #handleRequest} never waits: it then runs on the IO thread that read the body,
   * sparing a hand-over to a worker, and must answer without blocking, or dispatch.
   */
  default boolean neverBlocks() {
    return false;
  }

  /** What the request is about, for a log line, such as a webhook's delivery; null when nothing. */
  default @Nullable String subject(HttpServerExchange exchange) {
    return null;
  }

  /**
   * Told when the body's reading ended the request with {@code status} (too large, too slow) and
   * {@link #handleRequest} will not run.
   */
  default void refusedWhileReading(int status) {}
}
