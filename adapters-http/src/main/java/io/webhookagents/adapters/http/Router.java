package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.webhookagents.domain.AgentId;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * The root handler: moves every request off the IO thread, finds its route, applies the method and
 * token rules, and turns whatever the handler fails with into a problem answer.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);
  private static final AttachmentKey<String> AGENT_ID = AttachmentKey.create(String.class);
  private static final String AGENTS = "/agents/";

  private final Map<String, Route> byPath;
  private final Map<String, Route> perAgent;
  private final ApiAccess access;

  /**
   * @param byPath routes for fixed paths
   * @param perAgent routes under {@code /agents/{id}}, by what follows the id ("" for none)
   */
  Router(Map<String, Route> byPath, Map<String, Route> perAgent, ApiAccess access) {
    this.byPath = Map.copyOf(byPath);
    this.perAgent = Map.copyOf(perAgent);
    this.access = access;
  }

  /**
   * Every route by the path template OpenAPI would give it: fixed paths as they are, the routes
   * under an agent as {@code /agents/{id}} and {@code /agents/{id}/<rest>}.
   */
  Map<String, Route> table() {
    Map<String, Route> table = new TreeMap<>(byPath);
    perAgent.forEach(
        (rest, route) -> table.put(AGENTS + "{id}" + (rest.isEmpty() ? "" : "/" + rest), route));
    return table;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    // Use cases commit to a database and bodies are read blocking: never on an IO thread.
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }

    exchange.startBlocking();
    try {
      route(exchange);
    } catch (Exception failure) {
      fail(exchange, failure);
    }
  }

  /** The id in an {@code /agents/{id}} path; a 404 when it cannot name an agent. */
  static AgentId agentId(HttpServerExchange exchange) {
    String raw = String.valueOf(exchange.getAttachment(AGENT_ID));
    try {
      return new AgentId(raw);
    } catch (IllegalArgumentException e) {
      throw Problem.of(ProblemType.NOT_FOUND, "no agent " + Echo.of(raw)).toException();
    }
  }

  private void route(HttpServerExchange exchange) throws Exception {
    String path = exchange.getRelativePath();
    Route route = byPath.containsKey(path) ? byPath.get(path) : agentRoute(exchange, path);
    if (route == null) {
      throw Problem.of(ProblemType.NOT_FOUND, "nothing is served at " + Echo.of(path))
          .toException();
    }

    HttpHandler handler = route.handlerFor(exchange.getRequestMethod());
    if (handler == null) {
      throw Problem.of(
              ProblemType.METHOD_NOT_ALLOWED,
              exchange.getRequestMethod() + " is not allowed here; use " + route.allow())
          .withHeader("Allow", route.allow())
          .toException();
    }

    if (route.needsToken()) {
      InetSocketAddress peer = exchange.getSourceAddress();
      access.check(
          exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
          peer == null ? null : peer.getAddress());
    }
    handler.handleRequest(exchange);
  }

  private @Nullable Route agentRoute(HttpServerExchange exchange, String path) {
    if (!path.startsWith(AGENTS)) {
      return null;
    }
    String rest = path.substring(AGENTS.length());
    int slash = rest.indexOf('/');
    String id = slash < 0 ? rest : rest.substring(0, slash);
    Route route = perAgent.get(slash < 0 ? "" : rest.substring(slash + 1));
    if (route == null || id.isEmpty()) {
      return null;
    }
    exchange.putAttachment(AGENT_ID, id);
    return route;
  }

  private static void fail(HttpServerExchange exchange, Exception failure) {
    Problem problem = Failures.problemFor(failure);
    String path = Echo.of(exchange.getRelativePath());
    if (Failures.isUnexpected(failure)) {
      LOG.error("{} {} failed unexpectedly", exchange.getRequestMethod(), path, failure);
    } else {
      LOG.debug(
          "{} {} answered {}: {}",
          exchange.getRequestMethod(),
          path,
          problem.status(),
          problem.detail());
    }
    if (exchange.isResponseStarted()) {
      // Half an answer cannot be taken back; closing tells the client it is incomplete.
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    BodyReader.dropUnread(exchange);
    exchange.getResponseHeaders().clear();
    Responses.problem(exchange, problem);
  }
}
