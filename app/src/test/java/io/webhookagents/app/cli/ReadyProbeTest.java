package io.webhookagents.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ReadyProbe} against a real HTTP server on loopback. */
class ReadyProbeTest {
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void reportsTheStatusReadyAnswers() throws Exception {
    int port = serve(InetAddress.getByName("127.0.0.1"), 503);

    int status = ReadyProbe.status("127.0.0.1", port);

    assertThat(status).isEqualTo(503);
    assertThat(asked).containsExactly("GET /ready");
  }

  @Test
  void asksLoopbackWhenBoundToEveryInterface() throws Exception {
    int port = serve(InetAddress.getLoopbackAddress(), 200);

    int status = ReadyProbe.status("0.0.0.0", port);

    assertThat(status).isEqualTo(200);
    assertThat(asked).containsExactly("GET /ready");
  }

  @Test
  void reachesAnIpv6Address() throws Exception {
    InetAddress loopback6 = InetAddress.getByName("::1");
    assumeThat(canBind(loopback6)).as("this machine has an IPv6 loopback").isTrue();
    int port = serve(loopback6, 200);

    int status = ReadyProbe.status("::1", port);

    assertThat(status).isEqualTo(200);
    assertThat(asked).containsExactly("GET /ready");
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> ReadyProbe.status("127.0.0.1", port))
        .isInstanceOf(ConnectException.class);
  }

  private int serve(InetAddress address, int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext(
        "/",
        exchange -> {
          asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return server.getAddress().getPort();
  }

  private static boolean canBind(InetAddress address) {
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
