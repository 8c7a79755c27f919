package io.webhookagents.adapters.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that sends a webhook's headers at once, declaring a body of {@link #DECLARED} bytes, and
 * then the body a byte at a time, as slowly as the test calls {@link #sendAByte()}.
 */
final class TricklingClient implements AutoCloseable {
  static final int DECLARED = 100_000;

  private final Socket socket;
  private volatile boolean broken;

  private TricklingClient(Socket socket) {
    this.socket = socket;
  }

  /** Connects and sends the headers of a GitHub delivery to {@code /webhook}, and one byte. */
  static TricklingClient open(int port, String delivery) {
    try {
      Socket socket = new Socket("127.0.0.1", port);
      String head =
          "POST /webhook HTTP/1.1\r\n"
              + "Host: 127.0.0.1:"
              + port
              + "\r\nContent-Type: application/json\r\n"
              + "X-GitHub-Event: issues\r\n"
              + "X-GitHub-Delivery: "
              + delivery
              + "\r\nX-Hub-Signature-256: sha256="
              + "0".repeat(64)
              + "\r\nContent-Length: "
              + DECLARED
              + "\r\n\r\n{";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new TricklingClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one more byte of the body; once the server has closed the connection, nothing. */
  void sendAByte() {
    if (broken) {
      return;
    }
    try {
      socket.getOutputStream().write(' ');
      socket.getOutputStream().flush();
    } catch (IOException e) {
      broken = true;
    }
  }

  /**
   * Reads until the server closes the connection, for at most {@code patience}, and returns what it
   * sent before closing: an answer, or nothing when the close overtook it.
   *
   * @throws AssertionError when the connection is still open after {@code patience}
   */
  String awaitClosedByServer(Duration patience) {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout((int) patience.toMillis());
      InputStream in = socket.getInputStream();
      for (int b = in.read(); b != -1; b = in.read()) {
        answer.write(b);
      }
    } catch (SocketException e) {
      // A reset: the server closed with bytes of ours unread, which is closing all the same.
    } catch (IOException e) {
      throw new AssertionError("the server left the connection open for " + patience, e);
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is left to do.
    }
  }
}
