package io.webhookagents.adapters.http;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.CheckReadiness;
import io.webhookagents.ports.in.QueryAgents;
import io.webhookagents.ports.in.QueryDeliveries;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.in.ScrapeMetrics;
import io.webhookagents.ports.out.Clock;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The HTTP server: webhook intake, the agents API, {@code /metrics}, the dashboard at {@code /},
 * the OpenAPI document at {@code /openapi.json}, {@code /health} and {@code /ready}.
 *
 * <p>Linear and Slack deliveries must be dated within a minute and five minutes of the {@link
 * Clock} the server is given.
 *
 * <p>Bodies are read on Undertow's IO threads, as they arrive, so that clients sending slowly hold
 * no worker thread; a body that has not all arrived within {@link #BODY_DEADLINE} is refused with
 * 408 and its connection closed. Webhooks are then checked, parsed and handed to {@link
 * ReceiveWebhook} on that IO thread, and answered from it once their row has committed; the other
 * handlers run on worker threads. No request waits on the controller. To shut down, call {@link
 * #stopAcceptingWebhooks()} first, so senders are told to redeliver, then {@link #stop()}. Methods
 * are safe to call from any thread.
 */
public final class HttpServer {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

  /** How long {@link #stop()} waits for requests in flight to finish. */
  public static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * How long a client has to send a request's whole body, from when its headers are read. The idle
   * read timeout alone never ends a client that sends a byte now and then; this does. GitHub sends
   * its largest deliveries, 25 MiB, in well under a second.
   */
  public static final Duration BODY_DEADLINE = Duration.ofSeconds(30);

  // Workers serve the API and the dashboard, whose reads are short; webhooks need none.
  private static final int WORKER_THREADS =
      Math.max(32, 8 * Runtime.getRuntime().availableProcessors());

  // A connection that stays silent this long, mid-request or mid-answer, is closed.
  private static final int READ_TIMEOUT_MILLIS = 60_000;

  /**
   * How long a connection may sit with no request, before its first or between two, and how long a
   * request's headers may take. Each open connection holds one of {@link #MAX_CONNECTIONS}; at a
   * minute, one client opening thousands that never sent a byte kept every other client out for
   * that minute. Senders open a connection to send at once, and reconnect when one was closed.
   */
  static final int IDLE_MILLIS = 10_000;

  private static final long NO_ENTITY_LIMIT = -1;

  /**
   * The most bytes a request's headers may take. Undertow's default, 1 MiB, let a few hundred
   * connections that never finished their headers hold the heap; the senders' headers are a few
   * KiB. A request past this is closed by Undertow with a bare 400.
   */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  /**
   * The most connections open at once; past it, new ones wait in the listen backlog until one
   * closes. With {@link #MAX_HEADER_BYTES}, bounds what connections alone can hold to about 80 MiB,
   * beside the bodies' own bound.
   */
  static final int MAX_CONNECTIONS = 4_000;

  private final HttpSettings settings;
  private final int workerThreads;
  private final WebhookGate gate = new WebhookGate();
  private final GracefulShutdownHandler graceful;
  private final HttpHandler root;
  private @Nullable Undertow undertow;

  HttpServer(
      HttpSettings settings,
      ReceiveWebhook receiver,
      QueryAgents queries,
      QueryDeliveries deliveries,
      ChangeAgents changes,
      CheckReadiness readiness,
      Clock clock,
      ScrapeMetrics metrics) {
    this(
        settings,
        new Routes.UseCases(receiver, queries, deliveries, changes, readiness, clock, metrics),
        BODY_DEADLINE,
        WORKER_THREADS,
        BodyMemory.forHeap(Runtime.getRuntime().maxMemory()));
  }

  /**
   * A server whose clients have {@code bodyDeadline} to send a body, with {@code workerThreads}
   * threads to run handlers on and {@code bodyMemory} for the bodies they read; tests use a short
   * deadline, few threads and little memory.
   */
  HttpServer(
      HttpSettings settings,
      Routes.UseCases uses,
      Duration bodyDeadline,
      int workerThreads,
      BodyMemory bodyMemory) {
    this.settings = settings;
    this.workerThreads = workerThreads;
    Router router = Routes.router(settings, gate, uses, bodyDeadline, bodyMemory);
    // Clients that send Expect: 100-continue get it when the body is read, not before.
    this.graceful = Handlers.gracefulShutdown(new HttpContinueReadHandler(router));
    // Requests Undertow refuses itself as it stops get the same problem answer as the gate's.
    this.root = new ShuttingDownAnswers(graceful);
  }

  /**
   * Binds the port and starts serving.
   *
   * @throws IllegalStateException when already started, or when the address cannot be bound
   */
  public synchronized void start() {
    if (undertow != null) {
      throw new IllegalStateException("the HTTP server is already started");
    }
    Undertow server = build();
    try {
      server.start();
    } catch (RuntimeException e) {
      server.stop();
      throw new IllegalStateException(
          "cannot listen on " + settings.bindAddress() + ":" + settings.port(), e);
    }
    undertow = server;
    LOG.info("HTTP server listening on {}:{}", settings.bindAddress(), port());
  }

  /** The port the server listens on; the one the system chose when the settings said 0. */
  public synchronized int port() {
    if (undertow == null) {
      throw new IllegalStateException("the HTTP server is not started");
    }
    InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    return address.getPort();
  }

  /**
   * From now on webhook paths answer 503 with {@code Retry-After}, so senders redeliver to the next
   * instance; the API and health endpoints keep answering until {@link #stop()}.
   */
  public void stopAcceptingWebhooks() {
    gate.close();
    LOG.info("HTTP server no longer accepts webhooks; senders are told to redeliver");
  }

  /**
   * Stops taking webhooks, waits up to {@link #STOP_GRACE} for requests in flight, and closes the
   * port. Does nothing when not started.
   */
  public synchronized void stop() {
    if (undertow == null) {
      return;
    }
    gate.close();
    graceful.shutdown();
    try {
      if (!graceful.awaitShutdown(STOP_GRACE.toMillis())) {
        LOG.warn("HTTP server stopping with requests still in flight after {}", STOP_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    undertow.stop();
    undertow = null;
    LOG.info("HTTP server stopped");
  }

  private Undertow build() {
    return Undertow.builder()
        .addHttpListener(settings.port(), settings.bindAddress())
        .setHandler(root)
        .setWorkerThreads(workerThreads)
        // No server-wide limit (Undertow's default is 2 MiB): Undertow would refuse a longer
        // body itself, with a bare 400 before any handler ran. BodyIntake bounds each body it
        // reads, so the answer is a 413 problem; Router closes the connection on one left unread.
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, NO_ENTITY_LIMIT)
        // Likewise for a path with a character that should have been escaped, or a broken
        // %-escape: the router decodes paths and queries itself and answers a problem.
        .setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
        .setServerOption(UndertowOptions.DECODE_URL, false)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_MILLIS)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, IDLE_MILLIS)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, MAX_HEADER_BYTES)
        .setSocketOption(Options.CONNECTION_HIGH_WATER, MAX_CONNECTIONS)
        .setSocketOption(Options.CONNECTION_LOW_WATER, MAX_CONNECTIONS)
        .setSocketOption(Options.READ_TIMEOUT, READ_TIMEOUT_MILLIS)
        .setSocketOption(Options.WRITE_TIMEOUT, READ_TIMEOUT_MILLIS)
        .build();
  }
}
