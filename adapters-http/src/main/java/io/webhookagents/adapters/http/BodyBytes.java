package io.webhookagents.adapters.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A body's bytes as they arrive, in one array that doubles when full. The body is handed on as that
 * array itself when it fills it exactly, as it does when the client declared its length. Not
 * thread-safe: {@link BodyIntake} uses it on one IO thread.
 */
final class BodyBytes {
  private byte[] bytes;
  private int size;

  BodyBytes(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  int size() {
    return size;
  }

  /** Appends what remains in {@code chunk}, leaving it read to its end. */
  void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (size + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(size + n, 2 * bytes.length));
    }
    chunk.get(bytes, size, n);
    size += n;
  }

  /** The bytes appended, without a copy when they fill the array. */
  byte[] toArray() {
    return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
  }
}
