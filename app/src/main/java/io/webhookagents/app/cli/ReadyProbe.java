package io.webhookagents.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Asks a started service for its own {@code GET /ready} through the port it listens on, as a load
 * balancer would.
 *
 * <p>{@code serve --exit-when-ready} does so before it stops. Its answer is the one the run's exit
 * status reports, and a class-data archive recorded by the run then also holds the classes that
 * answering a request loads, which every later start would otherwise read from the jar and verify
 * before its first answer. The request is written on a plain socket: the JDK's HTTP client would
 * put some 280 classes into that archive that the service itself never loads.
 */
final class ReadyProbe {
  // Longer than a /ready that waits out SQLite's busy timeout (10 s) and then answers 503.
  private static final int TIMEOUT_MILLIS = 30_000;

  private final InetSocketAddress target;

  private ReadyProbe(InetSocketAddress target) {
    this.target = target;
  }

  /** A probe of the server listening on {@code port} of {@code bindAddress}. */
  static ReadyProbe of(String bindAddress, int port) throws UnknownHostException {
    InetAddress bound = InetAddress.getByName(bindAddress);
    return new ReadyProbe(new InetSocketAddress(reachable(bound), port));
  }

  /** The status {@code /ready} answers. */
  int status() throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(target, TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);

      OutputStream out = socket.getOutputStream();
      String host = hostAndPort(false);
      out.write(
          ("GET /ready HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();

      InputStreamReader reader =
          new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII);
      return statusOf(new BufferedReader(reader).readLine());
    }
  }

  /** The status code of an HTTP status line such as {@code HTTP/1.1 503 Service Unavailable}. */
  static int statusOf(@Nullable String statusLine) throws IOException {
    String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[1-5][0-9][0-9]")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    return Integer.parseInt(parts[1]);
  }

  /** The URL asked, for log lines. */
  @Override
  public String toString() {
    return "http://" + hostAndPort(true) + "/ready";
  }

  /**
   * Where to reach a server bound to {@code bound}: when that is every interface, the loopback
   * address of the same family, which a server bound to {@code ::} also accepts on most systems.
   */
  private static InetAddress reachable(InetAddress bound) throws UnknownHostException {
    if (!bound.isAnyLocalAddress()) {
      return bound;
    }
    return InetAddress.getByName(bound instanceof Inet6Address ? "::1" : "127.0.0.1");
  }

  private String hostAndPort(boolean withZone) {
    String literal = target.getAddress().getHostAddress();
    if (!literal.contains(":")) {
      return literal + ":" + target.getPort();
    }
    // An IPv6 literal goes in brackets; its zone, if any, means nothing to the server.
    int zone = literal.indexOf('%');
    String address = withZone || zone < 0 ? literal : literal.substring(0, zone);
    return "[" + address + "]:" + target.getPort();
  }
}
