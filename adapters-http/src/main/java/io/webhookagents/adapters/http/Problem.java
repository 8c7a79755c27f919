package io.webhookagents.adapters.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error answer (RFC 9457): its type, what went wrong in words the caller can act on, and any
 * headers the answer needs, such as {@code Allow} or {@code Retry-After}.
 */
record Problem(ProblemType type, String detail, Map<String, String> headers) {

  Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(detail, "detail");
    headers = Map.copyOf(headers);
  }

  static Problem of(ProblemType type, String detail) {
    return new Problem(type, detail, Map.of());
  }

  Problem withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Problem(type, detail, more);
  }

  int status() {
    return type.status();
  }

  ProblemException toException() {
    return new ProblemException(this);
  }
}
