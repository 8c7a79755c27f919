package io.webhookagents.adapters.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The body length a request declares in {@code Content-Length}, read without trusting it to fit a
 * {@code long} or to be a number at all.
 */
final class ContentLength {
  // Any 18 digits fit a long; a longer number is taken as larger than every limit.
  private static final int MAX_EXACT_DIGITS = 18;

  private ContentLength() {}

  /**
   * The declared length: -1 when none is declared, {@link Long#MAX_VALUE} when it is larger than a
   * {@code long} holds or is not a number.
   */
  static long declared(HttpServerExchange exchange) {
    String digits = digits(exchange);
    if (digits == null) {
      return header(exchange) == null ? -1 : Long.MAX_VALUE;
    }
    return digits.length() > MAX_EXACT_DIGITS ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  /**
   * Refuses a body declared longer than {@code limit} before any of it is read.
   *
   * @throws ProblemException (413) naming the declared length and the limit; (400) when {@code
   *     Content-Length} is not a number
   */
  static void check(HttpServerExchange exchange, long limit) {
    if (header(exchange) == null) {
      return;
    }
    String digits = digits(exchange);
    if (digits == null) {
      throw Problem.of(
              ProblemType.INVALID_REQUEST, "Content-Length must be a whole number of bytes")
          .toException();
    }
    if (declared(exchange) > limit) {
      throw tooLarge("the body is " + Echo.of(digits) + " bytes", limit);
    }
  }

  /** The answer to a body over {@code limit}; {@code what} says how it was found out. */
  static ProblemException tooLarge(String what, long limit) {
    String detail = what + "; at most " + limit + " bytes are accepted";
    return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, detail).toException();
  }

  private static @Nullable String header(HttpServerExchange exchange) {
    return exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
  }

  private static @Nullable String digits(HttpServerExchange exchange) {
    String value = header(exchange);
    if (value == null) {
      return null;
    }
    String digits = value.strip();
    boolean number = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!number) {
      return null;
    }
    // Leading zeros say nothing about the size.
    int first = 0;
    while (first < digits.length() - 1 && digits.charAt(first) == '0') {
      first++;
    }
    return digits.substring(first);
  }
}
