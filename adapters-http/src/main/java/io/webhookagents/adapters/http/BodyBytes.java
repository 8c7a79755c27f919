package io.webhookagents.adapters.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A body's bytes as they arrive, in one array that doubles when full, up to the most the body can
 * be; every array takes its length from the body's {@link BodyMemory.Share} first. The body is
 * handed on as that array itself when it fills it exactly, as it does when the client declared its
 * length. Not thread-safe: {@link BodyIntake} uses it on one IO thread.
 */
final class BodyBytes {
  private final BodyMemory.Share share;
  private final long maxCapacity;
  private byte[] bytes;
  private int size;

  private BodyBytes(BodyMemory.Share share, int initialCapacity, long maxCapacity) {
    this.share = share;
    this.maxCapacity = maxCapacity;
    this.bytes = new byte[initialCapacity];
  }

  /**
   * An empty body of {@code initialCapacity} bytes that will never need more than {@code
   * maxCapacity}, or null when {@code share} finds no room for it.
   */
  static @Nullable BodyBytes start(BodyMemory.Share share, int initialCapacity, long maxCapacity) {
    if (!share.grow(initialCapacity)) {
      return null;
    }
    return new BodyBytes(share, initialCapacity, maxCapacity);
  }

  int size() {
    return size;
  }

  /**
   * Appends what remains in {@code chunk}, leaving it read to its end; false, with nothing
   * appended, when the array must grow and the share finds no room.
   */
  boolean append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (size + n > bytes.length && !grow(size + n)) {
      return false;
    }
    chunk.get(bytes, size, n);
    size += n;
    return true;
  }

  /**
   * The bytes appended, without a copy when they fill the array; null when a copy finds no room.
   */
  byte @Nullable [] toArray() {
    if (size == bytes.length) {
      return bytes;
    }
    if (!share.grow(size)) {
      return null;
    }
    byte[] exact = Arrays.copyOf(bytes, size);
    share.shrink(bytes.length);
    bytes = exact;
    return exact;
  }

  private boolean grow(int needed) {
    long doubled = Math.max(needed, 2L * bytes.length);
    int capacity = (int) Math.min(doubled, Math.max(needed, maxCapacity));
    // Both arrays are live while one is copied into the other.
    if (!share.grow(capacity)) {
      return false;
    }
    byte[] old = bytes;
    bytes = Arrays.copyOf(old, capacity);
    share.shrink(old.length);
    return true;
  }
}
