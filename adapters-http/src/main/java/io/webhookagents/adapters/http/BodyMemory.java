package io.webhookagents.adapters.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the heap that request bodies take while they are received and handled, across all requests
 * at once.
 *
 * <p>A body is kept whole until its signature can be checked, so without a bound a few clients with
 * no secret, each sending a body just under the size limit, could hold more than the heap and end
 * the process. Each body's array takes its bytes from here as it grows and gives them back once its
 * handler is done with it; a body that finds no room is refused with a 503, and the service goes
 * on.
 *
 * <p>Arrays past {@value #LARGE_BODY_BYTES} bytes share a smaller bound than all bodies together,
 * so that large bodies arriving slowly cannot take the room ordinary deliveries of a few KiB to
 * tens of KiB need. Thread-safe.
 */
final class BodyMemory {
  /** An array longer than this counts against the bound for large bodies. */
  static final long LARGE_BODY_BYTES = 64 * 1024;

  private final long limit;
  private final long largeLimit;
  private final AtomicLong held = new AtomicLong();

  /** At most {@code limit} bytes in all, and only while under {@code largeLimit} for large ones. */
  BodyMemory(long limit, long largeLimit) {
    this.limit = limit;
    this.largeLimit = largeLimit;
  }

  /**
   * Three eighths of a heap of {@code maxHeapBytes} for bodies, a quarter of it for large ones:
   * with the 384 MiB heap the Kubernetes manifest's 512 MiB limit gives, three bodies of 25 MiB at
   * once, and the serial collector's old generation (two thirds of the heap) keeps room for the
   * rest of the service.
   */
  static BodyMemory forHeap(long maxHeapBytes) {
    return new BodyMemory(maxHeapBytes / 8 * 3, maxHeapBytes / 4);
  }

  /** A new body's share, holding nothing yet. */
  Share share() {
    return new Share();
  }

  /** The bytes all bodies hold now. */
  long held() {
    return held.get();
  }

  /**
   * True when a body of {@code bytes} would fit now, were it taken as one array. Takes nothing, so
   * the answer may be out of date by the time the body comes.
   */
  boolean hasRoomFor(long bytes) {
    return held.get() + bytes <= bound(bytes);
  }

  private long bound(long bytes) {
    return bytes > LARGE_BODY_BYTES ? Math.min(largeLimit, limit) : limit;
  }

  private boolean take(long bytes) {
    long bound = bound(bytes);
    for (long now = held.get(); ; now = held.get()) {
      if (now + bytes > bound) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /**
   * What one body holds. Grown and shrunk by the thread reading the body; given back once, by
   * whichever thread is done with the body first.
   */
  final class Share {
    private final AtomicLong bytes = new AtomicLong();

    private Share() {}

    /** Takes room for a new array of {@code length} bytes; false, taking nothing, without room. */
    boolean grow(long length) {
      if (!take(length)) {
        return false;
      }
      bytes.addAndGet(length);
      return true;
    }

    /** Gives back {@code less} bytes, an array that is no longer used. */
    void shrink(long less) {
      bytes.addAndGet(-less);
      held.addAndGet(-less);
    }

    /** Gives back everything this body holds. Idempotent. */
    void release() {
      held.addAndGet(-bytes.getAndSet(0));
    }

    /** The bytes this body holds. */
    long bytes() {
      return bytes.get();
    }
  }
}
