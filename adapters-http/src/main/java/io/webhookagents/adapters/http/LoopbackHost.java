package io.webhookagents.adapters.http;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a {@code Host} header names this machine's loopback interface, with or without a port.
 */
final class LoopbackHost {
  private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");
  private static final Pattern IPV4 = Pattern.compile("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

  private LoopbackHost() {}

  /**
   * True for {@code localhost}, {@code 127.x.x.x} and {@code [::1]}, each with an optional port.
   */
  static boolean names(String host) {
    String name = withoutPort(host.strip().toLowerCase(Locale.ROOT));
    if (name.equals("localhost") || name.equals("[::1]")) {
      return true;
    }
    return IPV4.matcher(name).matches() && octetsFit(name);
  }

  private static String withoutPort(String host) {
    int colon = host.lastIndexOf(':');
    // In [::1] the colons belong to the address; a port comes after the bracket.
    if (colon < 0 || colon < host.lastIndexOf(']')) {
      return host;
    }
    return PORT.matcher(host.substring(colon)).matches() ? host.substring(0, colon) : host;
  }

  private static boolean octetsFit(String address) {
    for (String octet : address.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }
}
