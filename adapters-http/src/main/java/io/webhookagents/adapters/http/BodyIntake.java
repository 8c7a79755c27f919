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
 * <p>It either keeps the body, up to a limit, or drops it. Past the limit, and when dropping the
 * body of a refused request, up to {@value #DISCARD_ALLOWANCE} bytes are read and dropped before
 * the answer, so that a client still sending sees the answer rather than a connection reset.
 */
final class BodyIntake implements ChannelListener<StreamSourceChannel> {
  static final long DISCARD_ALLOWANCE = 64 * 1024;

  private static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
  // Bodies are grown as bytes arrive: a client that declares 25 MiB and sends nothing gets no more.
  private static final int INITIAL_CAPACITY = 64 * 1024;

  /** How reading a body ended. */
  enum Ending {
    /** The whole body arrived; when keeping, {@link Result#body()} holds it. */
    COMPLETE,
    /** Dropping stopped before the body ended; the connection cannot carry another request. */
    CUT_SHORT,
    /** More than the limit arrived. */
    TOO_LARGE,
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
  private final boolean waitToDrop;
  private final Then then;
  private @Nullable BodyBytes kept;
  private @Nullable StreamSourceChannel channel;
  private XnioExecutor.@Nullable Key timer;
  private long received;
  private long dropped;
  private boolean overLimit;
  private boolean ended;
  private boolean inCall;

  private BodyIntake(HttpServerExchange exchange, long limit, boolean waitToDrop, Then then) {
    this.exchange = exchange;
    this.limit = limit;
    this.waitToDrop = waitToDrop;
    this.then = then;
  }

  /**
   * Keeps a body of at most {@code limit} bytes. Call on the IO thread, from the root handler;
   * {@code then} runs once the body is in, too large, late or abandoned.
   */
  static void keep(HttpServerExchange exchange, long limit, Duration deadline, Then then) {
    new BodyIntake(exchange, limit, true, then).start(deadline);
  }

  /**
   * Drops a body nobody will read, then runs {@code then}. A body declared longer than {@value
   * #DISCARD_ALLOWANCE} bytes is dropped only as far as it has already arrived: the client would
   * otherwise be made to send it for nothing. Call on the IO thread, from the root handler.
   */
  static void drop(HttpServerExchange exchange, Duration deadline, Then then) {
    long declared = ContentLength.declared(exchange);
    new BodyIntake(exchange, -1, declared <= DISCARD_ALLOWANCE, then).start(deadline);
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

  private void start(Duration deadline) {
    inCall = true;
    try {
      channel = exchange.isRequestComplete() ? null : exchange.getRequestChannel();
      if (channel == null) {
        end(Ending.COMPLETE, null);
        return;
      }
      if (limit >= 0) {
        long declared = ContentLength.declared(exchange);
        kept = new BodyBytes((int) Math.min(INITIAL_CAPACITY, Math.max(0, declared)));
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
          end(overLimit ? Ending.TOO_LARGE : Ending.COMPLETE, null);
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
    if (kept != null && kept.size() + (long) n <= limit) {
      // Pooled buffers are direct: this copies the bytes out, once, into the body's array.
      kept.append(chunk);
      return;
    }
    if (kept != null) {
      overLimit = true;
      kept = null;
    }
    dropped += n;
    if (dropped >= DISCARD_ALLOWANCE) {
      end(overLimit ? Ending.TOO_LARGE : Ending.CUT_SHORT, null);
    }
  }

  private void stopIfNotWaiting() {
    if (!waitToDrop && kept == null) {
      end(overLimit ? Ending.TOO_LARGE : Ending.CUT_SHORT, null);
    }
  }

  private void deadlinePassed() {
    if (ended) {
      return;
    }
    if (overLimit) {
      end(Ending.TOO_LARGE, null);
    } else {
      end(kept != null ? Ending.DEADLINE : Ending.CUT_SHORT, null);
    }
  }

  private void end(Ending ending, @Nullable IOException failure) {
    ended = true;
    if (timer != null) {
      timer.remove();
    }
    if (channel != null) {
      channel.suspendReads();
      channel.getReadSetter().set(null);
    }

    byte[] body = ending == Ending.COMPLETE && kept != null ? kept.toArray() : new byte[0];
    kept = null;
    Result result = new Result(ending, body, received, failure);
    if (inCall) {
      then.after(exchange, result);
    } else {
      // From a read event or the timer: run as Undertow runs a handler, so it may dispatch.
      Connectors.executeRootHandler(done -> then.after(done, result), exchange);
    }
  }
}
