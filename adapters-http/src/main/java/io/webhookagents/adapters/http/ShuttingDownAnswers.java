package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Turns the bare 503 that Undertow sends while the server stops into the problem answer with {@code
 * Retry-After}. Undertow ends such requests itself, with no body and no headers: its graceful
 * shutdown refuses those that arrive once it has begun, and the worker pool refuses those
 * dispatched to it once it is closing. Both end the exchange with nothing sent, so an answer
 * written when the exchange ends unanswered replaces them.
 */
final class ShuttingDownAnswers implements HttpHandler {
  private static final int SERVICE_UNAVAILABLE = 503;

  private final HttpHandler next;

  ShuttingDownAnswers(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    exchange.addDefaultResponseListener(ShuttingDownAnswers::answer);
    next.handleRequest(exchange);
  }

  /** Answers an exchange that is ending unanswered with 503; leaves any other alone. */
  private static boolean answer(HttpServerExchange exchange) {
    if (!exchange.isResponseChannelAvailable() || exchange.getStatusCode() != SERVICE_UNAVAILABLE) {
      return false;
    }
    exchange.getResponseHeaders().clear();
    Answers.refusal(exchange, WebhookGate.shuttingDown("send this request again"));
    return true;
  }
}
