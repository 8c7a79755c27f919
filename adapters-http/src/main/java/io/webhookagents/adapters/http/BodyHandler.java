package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.jspecify.annotations.Nullable;

/**
 * A handler that takes a request body. {@link Router} first runs {@link #admit} and reads the body
 * on the IO thread, so that a slow client holds no worker thread; only then does {@link
 * #handleRequest} run, on a worker, with the body in {@link BodyIntake#body}.
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

  /** What the request is about, for a log line, such as a webhook's delivery; null when nothing. */
  default @Nullable String subject(HttpServerExchange exchange) {
    return null;
  }
}
