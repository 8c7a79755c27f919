package io.webhookagents.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ReadyProbe} against real servers on loopback. */
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

    int status = ReadyProbe.of("127.0.0.1", port).status();

    assertThat(status).isEqualTo(503);
    assertThat(asked).containsExactly("GET /ready Host=127.0.0.1:" + port);
  }

  @Test
  void asksIpv4LoopbackWhenBoundToEveryIpv4Interface() throws Exception {
    int port = serve(InetAddress.getByName("127.0.0.1"), 200);

    ReadyProbe probe = ReadyProbe.of("0.0.0.0", port);

    assertThat(probe).hasToString("http://127.0.0.1:" + port + "/ready");
    assertThat(probe.status()).isEqualTo(200);
  }

  @Test
  void asksIpv6LoopbackWhenBoundToEveryIpv6Interface() throws Exception {
    ReadyProbe probe = ReadyProbe.of("::", 8000);

    assertThat(probe).hasToString("http://[0:0:0:0:0:0:0:1]:8000/ready");
  }

  @Test
  void reachesAnIpv6Address() throws Exception {
    InetAddress loopback6 = InetAddress.getByName("::1");
    assumeThat(canBind(loopback6)).as("this machine has an IPv6 loopback").isTrue();
    int port = serve(loopback6, 200);

    int status = ReadyProbe.of("::1", port).status();

    assertThat(status).isEqualTo(200);
    assertThat(asked).containsExactly("GET /ready Host=[0:0:0:0:0:0:0:1]:" + port);
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> ReadyProbe.of("127.0.0.1", port).status())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void failsWhenTheAnswerIsNotHttp() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                try (Socket client = listening.accept();
                    OutputStream out = client.getOutputStream()) {
                  out.write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                  // the probe's failure is what the test looks at
                }
              });
      answering.start();

      assertThatThrownBy(() -> ReadyProbe.of("127.0.0.1", listening.getLocalPort()).status())
          .isInstanceOf(IOException.class)
          .hasMessage("not an HTTP answer: SSH-2.0-OpenSSH");
      answering.join(5_000);
    }
  }

  @Test
  void readsTheCodeOfAStatusLine() throws Exception {
    assertThat(ReadyProbe.statusOf("HTTP/1.1 503 Service Unavailable")).isEqualTo(503);
    assertThat(ReadyProbe.statusOf("HTTP/1.0 200")).isEqualTo(200);
    assertThatThrownBy(() -> ReadyProbe.statusOf(null)).hasMessage("not an HTTP answer: null");
    assertThatThrownBy(() -> ReadyProbe.statusOf("HTTP/1.1 2000 OK"))
        .hasMessage("not an HTTP answer: HTTP/1.1 2000 OK");
  }

  private int serve(InetAddress address, int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String host = exchange.getRequestHeaders().getFirst("Host");
          asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " Host=" + host);
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return server.getAddress().getPort();
  }

  private static boolean canBind(InetAddress address) {
    try (ServerSocket socket = new ServerSocket(0, 1, address)) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
