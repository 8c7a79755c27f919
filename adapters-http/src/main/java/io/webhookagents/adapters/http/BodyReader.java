package io.webhookagents.adapters.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpContinue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory without ever holding more than a limit. Runs on a worker thread
 * with the exchange in blocking mode.
 *
 * <p>A body over the limit is refused with 413 and the connection is closed after the answer. Up to
 * {@value #DISCARD_ALLOWANCE} bytes past the limit are read and dropped first, so that a client
 * that is still sending sees the answer rather than a reset; what is left after that is never read.
 */
final class BodyReader {
  static final long DISCARD_ALLOWANCE = 64 * 1024;
  private static final int CHUNK_BYTES = 8192;

  private BodyReader() {}

  /** Refuses a body whose declared length is over the limit, keeping none of it. */
  static void checkDeclaredLength(HttpServerExchange exchange, long limit) {
    long declared = exchange.getRequestContentLength();
    if (declared <= limit) {
      return;
    }
    // A client waiting for 100-continue has sent nothing and, refused now, sends nothing.
    if (!HttpContinue.requiresContinueResponse(exchange)) {
      discardSome(exchange.getInputStream(), new byte[CHUNK_BYTES]);
    }
    throw tooLarge(exchange, "the body is " + declared + " bytes", limit);
  }

  /** The whole body; refuses it as soon as more than {@code limit} bytes have arrived. */
  static byte[] read(HttpServerExchange exchange, long limit) throws IOException {
    checkDeclaredLength(exchange, limit);

    // Undertow's own check stays clear of ours and of the discarding, and stops a drain later.
    exchange.setMaxEntitySize(limit + 2 * DISCARD_ALLOWANCE);

    ByteArrayOutputStream body = new ByteArrayOutputStream(initialSize(exchange, limit));
    byte[] chunk = new byte[CHUNK_BYTES];
    InputStream in = exchange.getInputStream();
    try {
      for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
        if (body.size() + (long) n > limit) {
          discardSome(in, chunk);
          throw tooLarge(exchange, "the body grew past the limit", limit);
        }
        body.write(chunk, 0, n);
      }
    } catch (RequestTooBigException e) {
      throw tooLarge(exchange, "the body grew past the limit", limit);
    }
    return body.toByteArray();
  }

  /**
   * Before a refusal is sent: drops what is left of a body nobody read, up to {@value
   * #DISCARD_ALLOWANCE} bytes, so that a sender still sending sees the answer rather than a reset,
   * and closes the connection after the answer when more is left. A sender waiting for {@code 100
   * Continue} is never asked for its body.
   */
  static void dropUnread(HttpServerExchange exchange) {
    if (exchange.isRequestComplete() || !exchange.isPersistent()) {
      return;
    }
    if (!HttpContinue.requiresContinueResponse(exchange)) {
      discardSome(exchange.getInputStream(), new byte[CHUNK_BYTES]);
    }
    if (!exchange.isRequestComplete()) {
      exchange.setPersistent(false);
    }
  }

  private static void discardSome(InputStream in, byte[] chunk) {
    long discarded = 0;
    try {
      while (discarded < DISCARD_ALLOWANCE) {
        int n = in.read(chunk);
        if (n == -1) {
          return;
        }
        discarded += n;
      }
    } catch (IOException e) {
      // Nothing to do: the answer is a 413 and the connection closes after it either way.
    }
  }

  private static int initialSize(HttpServerExchange exchange, long limit) {
    long declared = exchange.getRequestContentLength();
    return declared > 0 && declared <= limit ? (int) declared : CHUNK_BYTES;
  }

  private static ProblemException tooLarge(HttpServerExchange exchange, String what, long limit) {
    // The body may be partly unread, so the connection cannot carry another request.
    exchange.setPersistent(false);
    String detail = what + "; at most " + limit + " bytes are accepted";
    return Problem.of(ProblemType.PAYLOAD_TOO_LARGE, detail).toException();
  }
}
