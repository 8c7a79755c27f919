package io.webhookagents.adapters.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.webhookagents.domain.AgentId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The root handler. On the IO thread it finds a request's route and applies the method, token and
 * handler's own rules, and reads the body with {@link BodyIntake}, so that a client sending slowly
 * holds no worker thread. Only then does the handler run: on a worker thread in blocking mode, or
 * on the same IO thread when it {@link BodyHandler#neverBlocks}. Whatever fails on either side is
 * answered as a problem.
 */
final class Router implements HttpHandler {
  private static final AttachmentKey<String> AGENT_ID = AttachmentKey.create(String.class);
  private static final AttachmentKey<String> PATH = AttachmentKey.create(String.class);
  private static final String AGENTS = "/agents/";
  private static final Problem NO_ROOM_FOR_BODY =
      Problem.of(
              ProblemType.NO_ROOM_FOR_BODY,
              "the service holds as many request bodies as its memory allows; send this one again"
                  + " in a few seconds")
          .withHeader("Retry-After", "5");

  private final Map<String, Route> byPath;
  private final Map<String, Route> perAgent;
  private final ApiAccess access;
  private final Duration bodyDeadline;
  private final BodyMemory bodyMemory;
  private final LimitedLog clientEndings = Answers.clientEndingsLog();
  private final LimitedLog apiRefusals = Answers.apiRefusalsLog();

  /**
   * @param byPath routes for fixed paths
   * @param perAgent routes under {@code /agents/{id}}, by what follows the id ("" for none)
   * @param bodyDeadline how long a request's body may take to arrive, from when it is routed
   * @param bodyMemory the heap the bodies being read and handled may hold at once
   */
  Router(
      Map<String, Route> byPath,
      Map<String, Route> perAgent,
      ApiAccess access,
      Duration bodyDeadline,
      BodyMemory bodyMemory) {
    this.byPath = Map.copyOf(byPath);
    this.perAgent = Map.copyOf(perAgent);
    this.access = access;
    this.bodyDeadline = bodyDeadline;
    this.bodyMemory = bodyMemory;
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
    HttpHandler handler;
    try {
      handler = admit(exchange);
    } catch (Exception refusal) {
      refuse(exchange, refusal);
      return;
    }

    if (handler instanceof BodyHandler taker) {
      BodyIntake.keep(
          exchange,
          taker.maxBodyBytes(),
          bodyMemory,
          bodyDeadline,
          (ex, result) -> afterBody(ex, result, handler));
    } else {
      // A body sent where none is read is dropped here, so that no worker waits on it later.
      BodyIntake.drop(exchange, bodyDeadline, (ex, result) -> afterBody(ex, result, handler));
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

  /** The handler for the request, once every rule that needs no body lets it through. */
  private HttpHandler admit(HttpServerExchange exchange) {
    String path = UrlDecoding.path(exchange.getRelativePath());
    exchange.putAttachment(PATH, path);
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
      HeaderMap headers = exchange.getRequestHeaders();
      // Which of two credentials was meant is not for the service to guess.
      WebhookRequest.checkSentOnce(headers, Headers.AUTHORIZATION);
      InetSocketAddress peer = exchange.getSourceAddress();
      try {
        access.check(
            headers.getFirst(Headers.AUTHORIZATION),
            peer == null ? null : peer.getAddress(),
            headers.getFirst(Headers.HOST));
      } catch (ProblemException refusal) {
        // A guessed token, or a client that lost its own: either way an operator should see it.
        apiRefusals.log(
            "{} {} from {}: refused: {}",
            exchange.getRequestMethod(),
            Echo.of(path),
            peer,
            refusal.problem().detail());
        throw refusal;
      }
    }
    if (handler instanceof BodyHandler taker) {
      taker.admit(exchange);
      checkRoomBeforeContinue(exchange, taker);
    }
    return handler;
  }

  /**
   * Refuses with 503, before the client sends its body, a request that waits to be told to go on
   * while there is no room for the body it declares: told to go on, it would send it all for
   * nothing. Other clients send their bodies at once, and find out at the first bytes with no room.
   */
  private void checkRoomBeforeContinue(HttpServerExchange exchange, BodyHandler taker) {
    if (!HttpContinue.requiresContinueResponse(exchange)) {
      return;
    }
    long declared = ContentLength.declared(exchange);
    // A chunked body's length is unknown; it needs at least its first array.
    if (!bodyMemory.hasRoomFor(declared < 0 ? BodyIntake.INITIAL_CAPACITY : declared)) {
      taker.refusedWhileReading(503);
      throw NO_ROOM_FOR_BODY.toException();
    }
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

  private void afterBody(HttpServerExchange exchange, BodyIntake.Result result, HttpHandler next) {
    switch (result.ending()) {
      case COMPLETE:
        BodyIntake.attach(exchange, result.body());
        if (next instanceof BodyHandler taker && taker.neverBlocks()) {
          runHere(exchange, next);
        } else {
          exchange.dispatch(ex -> run(ex, next));
        }
        break;
      case CUT_SHORT:
        // The rest of the body is never read, so the connection cannot carry another request.
        exchange.setPersistent(false);
        exchange.dispatch(ex -> run(ex, next));
        break;
      case TOO_LARGE:
        BodyHandler taker = (BodyHandler) next;
        taker.refusedWhileReading(413);
        Answers.refusal(
            exchange, ContentLength.tooLarge("the body grew past the limit", taker.maxBodyBytes()));
        break;
      case NO_ROOM:
        ((BodyHandler) next).refusedWhileReading(503);
        Answers.refusal(exchange, NO_ROOM_FOR_BODY.toException());
        break;
      case DEADLINE:
        if (next instanceof BodyHandler slow) {
          slow.refusedWhileReading(408);
        }
        Answers.timedOut(exchange, result, subject(exchange, next), bodyDeadline, clientEndings);
        break;
      default:
        Answers.wentAway(exchange, result, subject(exchange, next), clientEndings);
    }
  }

  /** The request's path, decoded when it could be, shortened and safe to log. */
  static String path(HttpServerExchange exchange) {
    String decoded = exchange.getAttachment(PATH);
    return Echo.of(decoded != null ? decoded : exchange.getRelativePath());
  }

  private static @Nullable String subject(HttpServerExchange exchange, HttpHandler handler) {
    return handler instanceof BodyHandler taker ? taker.subject(exchange) : null;
  }

  /** Runs the handler on a worker thread, with the body, if any, read already. */
  private static void run(HttpServerExchange exchange, HttpHandler handler) {
    exchange.startBlocking();
    runHere(exchange, handler);
  }

  /**
   * Runs a handler on this thread, with the body, if any, read already; the body is let go when the
   * handler returns, since a handler that answers later keeps what it needs of it.
   */
  private static void runHere(HttpServerExchange exchange, HttpHandler handler) {
    try {
      handler.handleRequest(exchange);
    } catch (Exception failure) {
      Answers.failure(exchange, failure);
    } finally {
      BodyIntake.release(exchange);
    }
  }

  /** Answers a request refused before its body was read, after dropping what is safe to drop. */
  private void refuse(HttpServerExchange exchange, Exception refusal) {
    if (HttpContinue.requiresContinueResponse(exchange)) {
      // The client waits to be told to send its body; refused now, it sends none.
      exchange.setPersistent(false);
      Answers.refusal(exchange, refusal);
      return;
    }
    BodyIntake.drop(
        exchange,
        bodyDeadline,
        (ex, result) -> {
          if (result.ending() == BodyIntake.Ending.GONE) {
            Answers.wentAway(ex, result, null, clientEndings);
            return;
          }
          Answers.refusal(ex, refusal);
        });
  }
}
