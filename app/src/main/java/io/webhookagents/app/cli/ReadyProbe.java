package io.webhookagents.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a started service for its own {@code GET /ready} through the port it listens on, as a load
 * balancer would.
 *
 * <p>{@code serve --exit-when-ready} does so before it stops. Its answer is the one the run's exit
 * status reports, and a class-data archive recorded by the run then also holds the classes that
 * answering a request loads: after every later start, the first {@code /ready} would otherwise read
 * them from the jar and verify them, about a tenth of the time to that first answer.
 */
final class ReadyProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ReadyProbe() {}

  /** The status {@code /ready} answers on {@code port} of {@code bindAddress}. */
  static int status(String bindAddress, int port) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + host(bindAddress) + ":" + port + "/ready"))
            .timeout(TIMEOUT)
            .GET()
            .build();

    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Where to reach a server bound to {@code bindAddress}: loopback when it is every interface. */
  private static String host(String bindAddress) throws IOException {
    InetAddress bound = InetAddress.getByName(bindAddress);
    InetAddress target = bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;

    String literal = target.getHostAddress();
    // An IPv6 literal goes in brackets, and its zone's "%" must be escaped in a URI.
    return literal.contains(":") ? "[" + literal.replace("%", "%25") + "]" : literal;
  }
}
