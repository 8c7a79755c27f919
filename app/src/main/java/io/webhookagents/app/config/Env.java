package io.webhookagents.app.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of environment variables that collect problems instead of stopping at the first, so
 * one start-up message can list them all. Messages name the variable and, for settings that are not
 * secret, the value that did not parse.
 */
final class Env {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  // Every number of this many digits fits a long; longer ones are refused before they are read.
  private static final int MAX_DIGITS = 18;
  // No wait, timeout or run time this service has is meant to be longer; time arithmetic on much
  // longer ones would overflow at run time rather than at start-up.
  private static final Duration MAX_DURATION = Duration.ofDays(365);

  private final Map<String, String> values;
  private final List<String> problems = new ArrayList<>();

  Env(Map<String, String> values) {
    this.values = values;
  }

  List<String> problems() {
    return problems;
  }

  void problem(String message) {
    problems.add(message);
  }

  /** The trimmed value, or null when the variable is unset or blank. */
  @Nullable String string(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  String string(String name, String fallback) {
    String value = string(name);
    return value == null ? fallback : value;
  }

  /** One of {@code allowed}, ignoring case; returned as written in {@code allowed}. */
  String oneOf(String name, String fallback, String... allowed) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    problem(name + " must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
    return fallback;
  }

  /**
   * An IPv4 or IPv6 address, or a host name as DNS spells one; nothing is looked up here, so a name
   * that does not resolve still fails when the port is bound.
   */
  String address(String name, String fallback) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    boolean valid = value.indexOf(':') >= 0 ? isIpv6(value) : isHostNameOrIpv4(value);
    if (!valid) {
      problem(name + " must be an IP address or a host name, was '" + value + "'");
      return fallback;
    }
    return value;
  }

  int integer(String name, int fallback, int min, int max) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    try {
      // Digits only: parseInt would also take a sign, as in +80.
      int parsed = value.chars().allMatch(Character::isDigit) ? Integer.parseInt(value) : -1;
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    problem(name + " must be a whole number from " + min + " to " + max + ", was '" + value + "'");
    return fallback;
  }

  long bytes(String name, long fallback) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    Matcher m = Pattern.compile("(\\d+)\\s*(b|kib|kb|mib|mb|gib|gb)?").matcher(lower(value));
    if (m.matches() && m.group(1).length() <= MAX_DIGITS) {
      long unit = unitBytes(m.group(2));
      long number = Long.parseLong(m.group(1));
      if (number > 0 && number <= Long.MAX_VALUE / unit) {
        return number * unit;
      }
    }
    problem(name + " must be a size such as 25MiB or 1048576, was '" + value + "'");
    return fallback;
  }

  Duration duration(String name, Duration fallback) {
    String value = string(name);
    if (value == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(lower(value));
    if (!m.matches() || m.group(1).length() > MAX_DIGITS) {
      problem(name + " must be a duration with a unit such as 90s, 15m or 2h, was '" + value + "'");
      return fallback;
    }
    if (Long.parseLong(m.group(1)) == 0) {
      problem(name + " must be longer than 0, was '" + value + "'");
      return fallback;
    }

    Duration duration = ofUnit(Long.parseLong(m.group(1)), m.group(2));
    if (duration == null || duration.compareTo(MAX_DURATION) > 0) {
      problem(name + " must be at most " + MAX_DURATION.toDays() + "d, was '" + value + "'");
      return fallback;
    }
    return duration;
  }

  /** The duration, or null when it is too long for a {@link Duration}. */
  private static @Nullable Duration ofUnit(long amount, String unit) {
    try {
      switch (unit) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** An http or https URL, or null when unset. */
  @Nullable URI httpUrl(String name) {
    String value = string(name);
    if (value == null) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri != null && uri.getRawUserInfo() != null) {
      // Not echoed: the part before '@' may be a password.
      problem(name + " must not carry a user name or password; its API key authenticates");
      return null;
    }
    String scheme = uri == null || uri.getScheme() == null ? "" : lower(uri.getScheme());
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      // Not echoed: a URL may hold a password or a token, or be a key pasted in the wrong place.
      problem(name + " must be an http:// or https:// URL with a host");
      return null;
    }
    if (uri.getPort() > 65_535) {
      problem(name + " must have a port from 1 to 65535");
      return null;
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problem(name + " must not carry a query or a fragment (a '?' or '#' part)");
      return null;
    }
    return uri;
  }

  List<String> list(String name) {
    String value = string(name);
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** A comma-separated list of {@code key=value} pairs. */
  Map<String, String> map(String name) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String item : list(name)) {
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        problem(name + " must be pairs such as ENG=octo-org/api, had '" + item + "'");
        continue;
      }
      String key = item.substring(0, eq).strip();
      boolean twice = pairs.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
      if (twice) {
        problem(name + " names " + key + " twice (keys are matched in any case)");
        continue;
      }
      pairs.put(key, item.substring(eq + 1).strip());
    }
    return pairs;
  }

  private static long unitBytes(@Nullable String unit) {
    if (unit == null || unit.equals("b")) {
      return 1;
    }
    if (unit.startsWith("k")) {
      return 1024;
    }
    return unit.startsWith("m") ? 1024L * 1024 : 1024L * 1024 * 1024;
  }

  private static boolean isIpv6(String value) {
    try {
      // With a ':' in it, the JDK reads the text as an IPv6 literal and never asks DNS.
      return InetAddress.getByName(value) instanceof Inet6Address;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Labels of letters, digits and inner hyphens; when all are numbers, a valid IPv4 address. */
  private static boolean isHostNameOrIpv4(String value) {
    String[] labels = value.split("\\.", -1);
    boolean numeric = true;
    for (String label : labels) {
      if (!isLabel(label)) {
        return false;
      }
      numeric &= label.chars().allMatch(c -> c >= '0' && c <= '9');
    }
    if (!numeric) {
      return value.length() <= 253;
    }
    if (labels.length != 4) {
      return false;
    }
    for (String label : labels) {
      if (label.length() > 3 || Integer.parseInt(label) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLabel(String label) {
    if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
      return false;
    }
    return label.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'));
  }

  private static String lower(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
