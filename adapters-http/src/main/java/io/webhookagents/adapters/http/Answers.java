package io.webhookagents.adapters.http;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Ends the requests that do not end well, and logs each as it deserves: a refusal at debug, a
 * client that was too slow or went away in one info line without a stack trace, since neither is
 * the service's fault, and only a failure of the service itself as an error. A client that goes
 * away while its request is handled is logged one line each, with no limit: it has sent a whole
 * request first.
 */
final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

  private Answers() {}

  /**
   * Refuses a request on the IO thread, without blocking; the connection closes after the answer
   * when the body was not all read.
   */
  static void refusal(HttpServerExchange exchange, Exception refusal) {
    if (!exchange.isRequestComplete()) {
      exchange.setPersistent(false);
    }
    Problem problem = Failures.problemFor(refusal);
    log(exchange, refusal, problem);
    Responses.problem(exchange, problem);
  }

  /** Answers what a handler failed with, on its worker thread. */
  static void failure(HttpServerExchange exchange, Exception failure) {
    Problem problem = Failures.problemFor(failure);
    log(exchange, failure, problem);
    if (exchange.isResponseStarted() || failure instanceof IOException) {
      // Half an answer cannot be taken back; closing tells the client it is incomplete.
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    exchange.getResponseHeaders().clear();
    Responses.problem(exchange, problem);
  }

  /**
   * The log of clients that were too slow or went away, one server's worth: a line each, up to a
   * number a second. Anyone can open connections and leave, thousands a second.
   */
  static LimitedLog clientEndingsLog() {
    return LimitedLog.of(LOG::info, "HTTP", "clients were too slow or went away", "");
  }

  /** The log of API requests refused for their token or origin, one server's worth, limited. */
  static LimitedLog apiRefusalsLog() {
    return LimitedLog.of(LOG::warn, "API", "requests were refused access", "");
  }

  /** Refuses a body that did not all arrive in time with 408, and closes the connection. */
  static void timedOut(
      HttpServerExchange exchange,
      BodyIntake.Result result,
      @Nullable String subject,
      Duration deadline,
      LimitedLog log) {
    log.log(
        "{} {}{} from {}: the body was not all sent within {} s ({} bytes came); answered 408",
        exchange.getRequestMethod(),
        Router.path(exchange),
        about(subject),
        exchange.getSourceAddress(),
        deadline.toSeconds(),
        result.received());
    exchange.setPersistent(false);
    Responses.problem(
        exchange,
        Problem.of(
            ProblemType.REQUEST_TIMEOUT,
            "the whole body must arrive within "
                + deadline.toSeconds()
                + " s of the request; "
                + result.received()
                + " bytes came"));
  }

  /** Closes the connection of a client that went away before its body had all arrived. */
  static void wentAway(
      HttpServerExchange exchange,
      BodyIntake.Result result,
      @Nullable String subject,
      LimitedLog log) {
    IOException failure = result.failure();
    log.log(
        "{} {}{} from {}: the client went away after {} bytes of the body: {}",
        exchange.getRequestMethod(),
        Router.path(exchange),
        about(subject),
        exchange.getSourceAddress(),
        result.received(),
        failure == null ? "connection closed" : failure.getMessage());
    IoUtils.safeClose(exchange.getConnection());
  }

  private static void log(HttpServerExchange exchange, Exception failure, Problem problem) {
    String method = exchange.getRequestMethod().toString();
    String path = Router.path(exchange);
    if (failure instanceof IOException) {
      LOG.info(
          "{} {} from {}: the client went away: {}",
          method,
          path,
          exchange.getSourceAddress(),
          failure.getMessage());
    } else if (Failures.isUnexpected(failure)) {
      LOG.error("{} {} failed unexpectedly", method, path, failure);
    } else {
      LOG.debug("{} {} answered {}: {}", method, path, problem.status(), problem.detail());
    }
  }

  private static String about(@Nullable String subject) {
    return subject == null ? "" : " (" + subject + ")";
  }
}
