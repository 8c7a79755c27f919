package io.webhookagents.adapters.http;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An answer as a test reads it, whichever client got it.
 *
 * @param method the method of the request it answers
 * @param headers the first value of each header, by lower-case name
 */
record Answer(String method, int status, Map<String, String> headers, String body) {

  static Answer of(HttpResponse<String> response) {
    Map<String, String> headers = new HashMap<>();
    response
        .headers()
        .map()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    return new Answer(response.request().method(), response.statusCode(), headers, response.body());
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
