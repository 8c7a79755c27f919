package io.webhookagents.adapters.controller;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110, 10.2.3). */
final class RetryAfter {
  /** Longer waits are cut to this; the retry policy's deadline decides what happens then. */
  static final Duration MAX = Duration.ofDays(1);

  private RetryAfter() {}

  /** The wait the header asks for, measured from {@code now}; null when absent or unreadable. */
  static @Nullable Duration parse(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }

    String value = header.trim();
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return value.length() > 6 ? MAX : atMostMax(Duration.ofSeconds(Long.parseLong(value)));
    }

    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : atMostMax(wait);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration atMostMax(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
