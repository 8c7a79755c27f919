package io.webhookagents.adapters.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xnio.ChannelListener;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads one request's body on its connection's IO thread, a chunk whenever one arrives, so that a
 * client sending slowly holds no worker thread; and gives up on a client whose body has not all
 * arrived by a deadline, which the idle read timeout alone never does for a client that trickles.
 * Every field is touched on that one IO thread only.
 *
 * <p>It either keeps the body, up to a limit, or drops it. Past the limit, when the {@link
 * BodyMemory} has no room for the body, and when dropping the body of a refused request, up to
 * {@value #DISCARD_ALLOWANCE} bytes are read and dropped before the answer, so that a client still
 * sending sees the answer rather than a connection reset. A kept body holds its share of the memory
 * until {@link #release} or the end of the exchange.
 */
final class BodyIntake implements ChannelListener<StreamSourceChannel> {
  static final long DISCARD_ALLOWANCE = 64 * 1024;

  private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
  private static final AttachmentKey<BodyMemory.Share> SHARE =
      AttachmentKey.create(BodyMemory.Share.class);
  // Bodies are grown as bytes arrive, from an array no longer than the first chunk or this: a
  // client that declares 25 MiB and sends a byte holds 8 KiB, and one that sends nothing, nothing.
  static final int INITIAL_CAPACITY = 8 * 1024;

  /** How reading a body ended. */
  enum Ending {
    /** The whole body arrived; when keeping, {@link Result#body()} holds it. */
    COMPLETE,
    /** Dropping stopped before the body ended; the connection cannot carry another request. */
    CUT_SHORT,
    /** More than the limit arrived. */
    TOO_LARGE,
    /** The memory for bodies had no room for this one. */
    NO_ROOM,
    /** The deadline passed before the body had all arrived. */
    DEADLINE,
    /** The client closed the connection, or it broke, before the body had all arrived. */
    GONE
  }

  /**
   * @param body the body when it was kept whole, else empty
   * @param received how many bytes of the body arrived
   * @param failure why the connection ended, for {@link Ending#GONE}
   */
  record Result(Ending ending, byte[] body, long received, @Nullable IOException failure) {}

  /** What happens next; runs on the IO thread, as part of the exchange, once reading has ended. */
  interface Then {
    void after(HttpServerExchange exchange, Result result);
  }

  private final HttpServerExchange exchange;
  private final long limit;
  private final BodyMemory.@Nullable Share share;
  private final boolean waitToDrop;
  private final Then then;
  private @Nullable BodyBytes kept;
  // Whether the body is still being kept: its array is made when its first bytes arrive.
  private boolean keeping;
  private long maxCapacity;
  private @Nullable StreamSourceChannel channel;
  private XnioExecutor.@Nullable Key timer;
  private long received;
  private long dropped;
  private boolean overLimit;
  private boolean noRoom;
  private boolean ended;
  private boolean inCall;

  private BodyIntake(
      HttpServerExchange exchange,
      long limit,
      BodyMemory.@Nullable Share share,
      boolean waitToDrop,
      Then then) {
    this.exchange = exchange;
    this.limit = limit;
    this.share = share;
    this.waitToDrop = waitToDrop;
    this.then = then;
  }

  /**
   * Keeps a body of at most {@code limit} bytes, in arrays {@code memory} makes room for. Call on
   * the IO thread, from the root handler; {@code then} runs once the body is in, too large, without
   * room, late or abandoned.
   */
  static void keep(
      HttpServerExchange exchange, long limit, BodyMemory memory, Duration deadline, Then then) {
    BodyMemory.Share share = memory.share();
    // Whatever becomes of the exchange, its body's memory is free once it has ended.
    exchange.addExchangeCompleteListener(
        (ended, next) -> {
          share.release();
          next.proceed();
        });
    new BodyIntake(exchange, limit, share, true, then).start(deadline);
  }

  /**
   * Drops a body nobody will read, then runs {@code then}. A body declared longer than {@value
   * #DISCARD_ALLOWANCE} bytes is dropped only as far as it has already arrived: the client would
   * otherwise be made to send it for nothing. Call on the IO thread, from the root handler.
   */
  static void drop(HttpServerExchange exchange, Duration deadline, Then then) {
    long declared = ContentLength.declared(exchange);
    new BodyIntake(exchange, -1, null, declared <= DISCARD_ALLOWANCE, then).start(deadline);
  }

  /** The body {@link #keep} kept, for the handler that runs after it. */
  static byte[] body(HttpServerExchange exchange) {
    byte[] body = exchange.getAttachment(BODY);
    if (body == null) {
      throw new IllegalStateException("no body was read for " + exchange.getRequestPath());
    }
    return body;
  }

  static void attach(HttpServerExchange exchange, byte[] body) {
    exchange.putAttachment(BODY, body);
  }

  /**
   * Lets go of the body {@link #keep} kept, once its handler is done with it, and frees its memory
   * for other bodies. Idempotent; the end of the exchange does it too.
   */
  static void release(HttpServerExchange exchange) {
    exchange.removeAttachment(BODY);
    BodyMemory.Share held = exchange.getAttachment(SHARE);
    if (held != null) {
      held.release();
    }
  }

  private void start(Duration deadline) {
    inCall = true;
    try {
      channel = exchange.isRequestComplete() ? null : exchange.getRequestChannel();
      if (channel == null) {
        end(Ending.COMPLETE, null);
        return;
      }
      if (share != null) {
        exchange.putAttachment(SHARE, share);
        long declared = ContentLength.declared(exchange);
        maxCapacity = declared >= 0 ? declared : limit;
        keeping = true;
      }
      channel.getReadSetter().set(this);
      readAvailable(channel);
      if (!ended) {
        // Most bodies have all arrived with their headers and end in the read above; only one
        // still arriving needs a deadline, which costs each IO thread's timer queue an insertion
        // and a removal.
        timer =
            exchange
                .getIoThread()
                .executeAfter(this::deadlinePassed, deadline.toMillis(), TimeUnit.MILLISECONDS);
        // Inside the root handler this only marks the exchange as waiting for reads.
        channel.resumeReads();
      }
    } finally {
      inCall = false;
    }
  }

  @Override
  public void handleEvent(StreamSourceChannel source) {
    readAvailable(source);
  }

  private void readAvailable(StreamSourceChannel source) {
    try (PooledByteBuffer pooled = exchange.getConnection().getByteBufferPool().allocate()) {
      ByteBuffer buffer = pooled.getBuffer();
      while (!ended) {
        buffer.clear();
        int n = source.read(buffer);
        if (n == -1) {
          end(dropping(Ending.COMPLETE), null);
        } else if (n == 0) {
          stopIfNotWaiting();
          return;
        } else {
          take(buffer.flip());
        }
      }
    } catch (IOException e) {
      end(Ending.GONE, e);
    }
  }

  private void take(ByteBuffer chunk) {
    int n = chunk.remaining();
    received += n;
    // While the body is kept, every byte received is in it.
    if (keeping && received <= limit) {
      if (kept == null) {
        kept =
            BodyBytes.start(
                share, (int) Math.min(maxCapacity, Math.max(n, INITIAL_CAPACITY)), maxCapacity);
      }
      // Pooled buffers are direct: this copies the bytes out, once, into the body's array.
      if (kept != null && kept.append(chunk)) {
        return;
      }
      noRoom = true;
    } else if (keeping) {
      overLimit = true;
    }
    if (keeping) {
      keeping = false;
      kept = null;
      share.release();
    }
    dropped += n;
    if (dropped >= DISCARD_ALLOWANCE) {
      end(dropping(Ending.CUT_SHORT), null);
    }
  }

  /** How reading ends while dropping: why the body is dropped, or {@code otherwise}. */
  private Ending dropping(Ending otherwise) {
    if (overLimit) {
      return Ending.TOO_LARGE;
    }
    return noRoom ? Ending.NO_ROOM : otherwise;
  }

  private void stopIfNotWaiting() {
    if (!waitToDrop && !keeping) {
      end(dropping(Ending.CUT_SHORT), null);
    }
  }

  private void deadlinePassed() {
    if (ended) {
      return;
    }
    if (overLimit || noRoom) {
      end(dropping(Ending.CUT_SHORT), null);
    } else {
      end(keeping ? Ending.DEADLINE : Ending.CUT_SHORT, null);
    }
  }

  private void end(Ending reading, @Nullable IOException failure) {
    ended = true;
    if (timer != null) {
      timer.remove();
    }
    if (channel != null) {
      channel.suspendReads();
      channel.getReadSetter().set(null);
    }

    byte[] body =
        reading == Ending.COMPLETE && kept != null && keeping ? kept.toArray() : new byte[0];
    Ending ending = body == null ? Ending.NO_ROOM : reading;
    if (ending != Ending.COMPLETE && share != null) {
      share.release();
    }
    kept = null;
    Result result = new Result(ending, body == null ? new byte[0] : body, received, failure);
    if (inCall) {
      then.after(exchange, result);
    } else {
      // From a read event or the timer: run as Undertow runs a handler, so it may dispatch.
      Connectors.executeRootHandler(done -> then.after(done, result), exchange);
    }
  }
}
