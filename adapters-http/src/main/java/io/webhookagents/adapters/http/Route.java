package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one path answers: a handler per method and whether the API token rule applies.
 *
 * @param allow the {@code Allow} header for a method the path does not take
 */
record Route(Map<HttpString, HttpHandler> handlers, String allow, boolean needsToken) {

  Route {
    handlers = Map.copyOf(handlers);
  }

  /** A read: GET, and HEAD answered the same way without a body. */
  static Route get(HttpHandler handler, boolean needsToken) {
    return new Route(Map.of(Methods.GET, handler, Methods.HEAD, handler), "GET, HEAD", needsToken);
  }

  static Route post(HttpHandler handler, boolean needsToken) {
    return new Route(Map.of(Methods.POST, handler), "POST", needsToken);
  }

  @Nullable HttpHandler handlerFor(HttpString method) {
    return handlers.get(method);
  }
}
