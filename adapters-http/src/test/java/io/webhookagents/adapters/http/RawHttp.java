package io.webhookagents.adapters.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an HTTP/1.1 request byte for byte, header names exactly as given, and reads the answer
 * until the server closes the connection; for what a general-purpose client would normalize or
 * cannot do. {@code Host} names the server's address unless the headers give one.
 */
final class RawHttp {
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawHttp() {}

  /** A POST with its whole body. Headers are written in the map's order. */
  static Answer post(int port, String path, Map<String, String> headers, byte[] body) {
    return send(port, "POST", path, headers, body);
  }

  /**
   * A POST whose {@code Content-Length} is {@code declared}, which sends only {@code sent} and then
   * waits, without asking for the connection to be closed, until the server answers and closes it.
   */
  static Answer postPartly(
      int port, String path, Map<String, String> headers, String declared, byte[] sent) {
    String head = head("POST", path, port, headers) + "Content-Length: " + declared + "\r\n\r\n";
    return exchange(port, "POST", head, sent);
  }

  /** A GET of {@code path} written exactly as given, which may be what no client would send. */
  static Answer get(int port, String path, Map<String, String> headers) {
    String head = head("GET", path, port, headers) + "Connection: close\r\n\r\n";
    return exchange(port, "GET", head, new byte[0]);
  }

  /** A request with its whole body. Headers are written in the map's order. */
  static Answer send(
      int port, String method, String path, Map<String, String> headers, byte[] body) {
    String head =
        head(method, path, port, headers)
            + "Content-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    return exchange(port, method, head, body);
  }

  /**
   * A POST that announces a body of {@code length} bytes and, as {@code Expect: 100-continue}
   * allows, sends none of it before it is told to continue. The server must answer and close the
   * connection by itself: nothing here asks it to.
   */
  static Answer announce(int port, String path, Map<String, String> headers, long length) {
    String head =
        head("POST", path, port, headers)
            + "Content-Length: "
            + length
            + "\r\nExpect: 100-continue\r\n\r\n";
    return exchange(port, "POST", head, new byte[0]);
  }

  private static String head(String method, String path, int port, Map<String, String> headers) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Host"))) {
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.toString();
  }

  private static Answer exchange(int port, String method, String head, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(answer);
      return parse(method, answer.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Answer parse(String method, String answer) {
    int end = answer.indexOf("\r\n\r\n");
    String[] lines = answer.substring(0, end).split("\r\n");
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
      headers.putIfAbsent(name, lines[i].substring(colon + 1).strip());
    }
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    return new Answer(method, status, headers, answer.substring(end + 4));
  }
}
