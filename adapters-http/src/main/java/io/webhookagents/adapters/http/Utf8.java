package io.webhookagents.adapters.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/** Whether bytes are UTF-8, found without decoding them into a copy the size of a whole body. */
final class Utf8 {
  private Utf8() {}

  /** The index of the first byte that is not part of valid UTF-8, or -1 when all of them are. */
  static int firstInvalidByte(byte[] bytes) {
    // Decodes through a small buffer: the text itself is not needed, only whether it decodes.
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(4096);
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    return result.isError() ? in.position() : -1;
  }
}
