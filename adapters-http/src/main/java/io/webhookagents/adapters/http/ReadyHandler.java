package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.webhookagents.ports.in.CheckReadiness;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ready}: 200 when the service can take and move work, else 503 with the problems in
 * words. Needs no token.
 */
final class ReadyHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyHandler.class);
  private static final byte[] READY = Json.status("ready");

  private final CheckReadiness readiness;

  ReadyHandler(CheckReadiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    List<String> problems = problems();
    if (problems.isEmpty()) {
      Responses.json(exchange, 200, READY);
      return;
    }

    byte[] body =
        Json.write(
            writer -> {
              writer.beginObject().name("status").value("not ready").name("problems");
              writer.beginArray();
              for (String problem : problems) {
                writer.value(problem);
              }
              writer.endArray().endObject();
            });
    Responses.json(exchange, 503, body);
  }

  private List<String> problems() {
    try {
      return readiness.problems();
    } catch (RuntimeException e) {
      LOG.warn("readiness check failed", e);
      return List.of("the readiness check failed: " + e.getClass().getSimpleName());
    }
  }
}
