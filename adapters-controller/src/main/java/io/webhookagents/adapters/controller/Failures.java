package io.webhookagents.adapters.controller;

import io.webhookagents.adapters.controller.AnswerConverterFactory.MalformedAnswerException;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.ControllerException;
import java.io.IOException;
import java.time.Duration;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Response;

/**
 * Turns what went wrong with a controller call into a {@link ControllerException} whose message
 * fits an agent's {@code last_error}.
 *
 * <p>No answer at all (refused, reset, timed out) may work later, and so may {@code 408}, {@code
 * 429} and {@code 5xx}; every other refusal is final. A successful answer without a usable body is
 * final too: the controller has said "yes" in a form it will most likely repeat word for word when
 * the same idempotency key is sent again, so retrying would only spend attempts on what is a
 * controller bug (or a proxy answering in its place) that an operator has to see.
 *
 * <p>Bodies are quoted briefly and cleaned: control characters become spaces, and the API key is
 * cut out should the controller echo it back.
 */
final class Failures {
  static final int EXCERPT_CHARS = 200;

  private final String apiKey;
  private final Clock clock;

  Failures(String apiKey, Clock clock) {
    this.apiKey = apiKey;
    this.clock = clock;
  }

  ControllerException noAnswer(String step, IOException e) {
    String message = "no answer from the controller to " + step + ": " + describe(e);
    return new ControllerException(message, true, null, e);
  }

  ControllerException refused(String step, Response<?> response) {
    int status = response.code();
    String message = "controller answered " + status + " to " + step + excerpt(errorBody(response));

    if (isTransient(status)) {
      Duration retryAfter = RetryAfter.parse(response.headers().get("Retry-After"), clock.now());
      return new ControllerException(message, true, retryAfter, null);
    }
    return ControllerException.permanent(message);
  }

  ControllerException malformed(String step, MalformedAnswerException e) {
    String message = "controller accepted " + step + " but answered with " + e.getMessage();
    return ControllerException.permanent(message + excerpt(e.body()));
  }

  ControllerException missing(String step, String field) {
    return ControllerException.permanent(
        "controller accepted " + step + " but its answer has no \"" + field + "\"");
  }

  ControllerException unusable(String step, IllegalArgumentException e) {
    return ControllerException.permanent(
        "could not build the " + step + " call: " + redact(String.valueOf(e.getMessage())));
  }

  static boolean isTransient(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private String excerpt(String body) {
    String text = redact(body).replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").strip();
    if (text.isEmpty()) {
      return "";
    }

    if (text.length() > EXCERPT_CHARS) {
      int end = Character.isHighSurrogate(text.charAt(EXCERPT_CHARS - 1)) ? -1 : 0;
      text = text.substring(0, EXCERPT_CHARS + end) + "…";
    }
    return ": " + text;
  }

  private String redact(String text) {
    return text.replace(apiKey, "<redacted>");
  }

  private static String errorBody(Response<?> response) {
    try (ResponseBody body = response.errorBody()) {
      return body == null ? "" : body.string();
    } catch (IOException e) {
      return "";
    }
  }

  private String describe(IOException e) {
    String what = e.getClass().getSimpleName();
    @Nullable String message = e.getMessage();
    return message == null || message.isBlank() ? what : redact(message) + " (" + what + ")";
  }
}
