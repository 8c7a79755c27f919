package io.webhookagents.adapters.http;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A webhook delivery as received: its headers, its media type and the exact bytes of its body.
 *
 * @param mediaType the lower-case media type of the body, without parameters
 */
record WebhookRequest(HeaderMap headers, String mediaType, byte[] body) {
  // Longer values are no sender's: delivery ids are UUIDs or short tokens, event names words.
  static final int MAX_HEADER_LENGTH = 200;

  WebhookRequest {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(body, "body");
  }

  /**
   * The header's value, whatever the case of its name; null when it is absent.
   *
   * @throws ProblemException (400) when the header is sent more than once: which of two signatures,
   *     events or delivery ids the sender meant is not for this service to guess
   */
  @Nullable String header(String name) {
    HeaderValues values = headers.get(name);
    if (values == null) {
      return null;
    }
    if (values.size() > 1) {
      throw sentTwice(name);
    }
    return values.getFirst();
  }

  /** A 400 when {@code name} is among {@code headers} more than once, as {@link #header} says. */
  static void checkSentOnce(HeaderMap headers, HttpString name) {
    if (headers.count(name) > 1) {
      throw sentTwice(name.toString());
    }
  }

  private static ProblemException sentTwice(String name) {
    return Problem.of(ProblemType.INVALID_REQUEST, name + " is sent more than once; send it once")
        .toException();
  }

  /** The header's first value, for naming a request in a log line; null when it is absent. */
  @Nullable String firstHeader(String name) {
    return headers.getFirst(name);
  }

  /**
   * The header's value without surrounding blanks.
   *
   * @throws ProblemException (400) when it is missing, blank or longer than {@value
   *     #MAX_HEADER_LENGTH} characters
   */
  String requireHeader(String name) {
    String value = header(name);
    if (value == null || value.isBlank()) {
      throw Problem.of(ProblemType.MISSING_HEADER, name + " is missing").toException();
    }
    if (value.length() > MAX_HEADER_LENGTH) {
      throw Problem.of(
              ProblemType.INVALID_REQUEST,
              name + " is longer than " + MAX_HEADER_LENGTH + " characters")
          .toException();
    }
    return value.strip();
  }

  /**
   * A de-duplication key from a header, such as {@code X-GitHub-Delivery}.
   *
   * @throws ProblemException (400) naming the header when it is missing, too long or not {@link
   *     DeliveryKey#isValid valid}
   */
  String requireKey(String name) {
    String key = requireHeader(name);
    if (!DeliveryKey.isValid(key)) {
      throw Problem.of(ProblemType.INVALID_REQUEST, name + " must be " + DeliveryKey.RULE)
          .toException();
    }
    return key;
  }
}
