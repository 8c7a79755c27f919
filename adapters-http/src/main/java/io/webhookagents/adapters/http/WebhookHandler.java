package io.webhookagents.adapters.http;

import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.in.ReceiveWebhook;
import io.webhookagents.ports.out.StoreException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes webhook deliveries from one {@link WebhookSource}. Checks run cheapest first and nothing is
 * parsed before the signature holds. Before the body is read: open gate, configured source,
 * declared size, media type. Then, with the whole body in hand: signature and age, then the
 * payload; only then does {@link ReceiveWebhook} record the delivery.
 *
 * <p>All of it runs on the connection's IO thread: checking and parsing are work for a processor,
 * and the delivery is handed to {@link ReceiveWebhook#receiveAsync}, whose future completing sends
 * the answer from that IO thread. A worker thread per delivery would only add two thread hand-overs
 * and a wait for the store's commit. When the store was idle and committed on this thread, the
 * future is complete on return and the answer goes out at once.
 *
 * <p>An event no repository could be chosen for is still handed to {@link ReceiveWebhook}, so that
 * it is recorded and a redelivery is known as a duplicate; the rules ignore it for having no
 * repository, and the sender is told the source's more precise reason instead of theirs.
 */
final class WebhookHandler implements BodyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  private final WebhookSource source;
  private final ReceiveWebhook receiver;
  private final WebhookGate gate;
  private final long maxBodyBytes;
  private final LimitedLog ignoredLog;
  private final LimitedLog rejectedLog;
  private final LimitedLog duplicateLog;
  private final LimitedLog refusedLog;
  private final LimitedLog unrecordedLog;

  WebhookHandler(
      WebhookSource source, ReceiveWebhook receiver, WebhookGate gate, long maxBodyBytes) {
    String name = String.valueOf(source.source());
    this.ignoredLog =
        LimitedLog.of(
            LOG::info,
            name,
            "deliveries were ignored",
            "; GET /deliveries?decision=ignored lists each with its reason");
    this.rejectedLog =
        LimitedLog.of(LOG::warn, name, "requests were rejected before their payload was read", "");
    this.duplicateLog =
        LimitedLog.of(
            LOG::info,
            name,
            "deliveries were redeliveries",
            "; GET /deliveries?decision=duplicate lists the latest with the agent they name");
    this.refusedLog = LimitedLog.of(LOG::warn, name, "signed payloads were refused", "");
    this.unrecordedLog = LimitedLog.of(LOG::error, name, "deliveries could not be recorded", "");
    this.source = source;
    this.receiver = receiver;
    this.gate = gate;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  @Override
  public void admit(HttpServerExchange exchange) {
    try {
      gate.checkOpen();
      checkConfigured();
      ContentLength.check(exchange, maxBodyBytes);
      WebhookRequest.checkSentOnce(exchange.getRequestHeaders(), Headers.CONTENT_TYPE);
      WebhookRequest.checkSentOnce(exchange.getRequestHeaders(), Headers.CONTENT_ENCODING);
      acceptedMediaType(exchange);
      checkNotEncoded(exchange);
    } catch (ProblemException refusal) {
      throw counted(refusal);
    }
  }

  @Override
  public void refusedWhileReading(int status) {
    receiver.refused(source.source(), status);
  }

  /** {@code refusal}, once it has been counted as one of this source's refused requests. */
  private ProblemException counted(ProblemException refusal) {
    receiver.refused(source.source(), refusal.problem().status());
    return refusal;
  }

  @Override
  public @Nullable String subject(HttpServerExchange exchange) {
    String key = source.deliveryKey(headersOnly(exchange));
    return key == null
        ? source.source() + " request"
        : source.source() + " delivery " + Echo.of(key);
  }

  @Override
  public boolean neverBlocks() {
    return true;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    Inbound inbound;
    try {
      inbound = checkedAndParsed(exchange);
    } catch (ProblemException refusal) {
      throw counted(refusal);
    }

    if (inbound instanceof Inbound.Reply reply) {
      LOG.info("{} request without a delivery: {}", source.source(), reply.summary());
      Responses.json(exchange, 200, reply.json());
      return;
    }

    Inbound.Delivery delivery = (Inbound.Delivery) inbound;
    CompletableFuture<Receipt> recorded = receiver.receiveAsync(delivery.event());
    if (recorded.isDone()) {
      // Recorded already (the store was idle and committed on this thread): answer now.
      recorded.whenComplete((receipt, failure) -> answer(exchange, delivery, receipt, failure));
      return;
    }
    // Keeps the exchange open past this call; the answer goes out once the delivery is recorded.
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            recorded.whenComplete(
                (receipt, failure) -> answerLater(exchange, delivery, receipt, failure)));
  }

  private Inbound checkedAndParsed(HttpServerExchange exchange) {
    // The gate may have closed while the body arrived: the sender then redelivers elsewhere.
    gate.checkOpen();
    String mediaType = acceptedMediaType(exchange);
    WebhookRequest request =
        new WebhookRequest(exchange.getRequestHeaders(), mediaType, BodyIntake.body(exchange));
    verify(request, exchange.getSourceAddress());

    return parse(request);
  }

  private void answerLater(
      HttpServerExchange exchange,
      Inbound.Delivery delivery,
      @Nullable Receipt receipt,
      @Nullable Throwable failure) {
    exchange
        .getIoThread()
        .execute(
            () ->
                Connectors.executeRootHandler(
                    ex -> answer(ex, delivery, receipt, failure), exchange));
  }

  private void answer(
      HttpServerExchange exchange,
      Inbound.Delivery delivery,
      @Nullable Receipt receipt,
      @Nullable Throwable failure) {
    try {
      WebhookEvent event = delivery.event();
      Receipt answered = told(event, recorded(event, receipt, failure));
      Responses.json(exchange, status(answered), ReceiptJson.write(answered));
    } catch (RuntimeException e) {
      Answers.failure(exchange, e);
    }
  }

  private void checkConfigured() {
    String reason = source.notConfiguredReason();
    if (reason != null) {
      throw Problem.of(ProblemType.SOURCE_NOT_CONFIGURED, reason).toException();
    }
  }

  private String acceptedMediaType(HttpServerExchange exchange) {
    String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    String mediaType = MediaType.essence(contentType);
    if (!source.accepts(mediaType)) {
      String sent = mediaType.isEmpty() ? "no Content-Type" : "Content-Type " + Echo.of(mediaType);
      throw unsupported(sent + " was sent; send " + source.acceptedMediaTypes());
    }
    String charset = MediaType.charset(contentType);
    if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
      throw unsupported(
          "charset=" + Echo.of(charset) + " was sent; bodies are read as UTF-8, so send that");
    }
    return mediaType;
  }

  /** Refuses a compressed body: no sender compresses one, and its bytes were signed as sent. */
  private static void checkNotEncoded(HttpServerExchange exchange) {
    String encoding = exchange.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING);
    if (encoding != null && !encoding.strip().equalsIgnoreCase("identity")) {
      throw unsupported(
          "Content-Encoding " + Echo.of(encoding) + " was sent; send the body uncompressed");
    }
  }

  private static ProblemException unsupported(String detail) {
    return Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail).toException();
  }

  private void verify(WebhookRequest request, InetSocketAddress peer) {
    try {
      source.verify(request);
    } catch (ProblemException e) {
      // Limited: anyone can send these, as fast as they like.
      rejectedLog.log(
          "{} delivery '{}' from {}: rejected before its payload was parsed: {}",
          source.source(),
          Echo.of(source.deliveryKey(request)),
          peer,
          e.getMessage());
      throw e;
    }
  }

  private static WebhookRequest headersOnly(HttpServerExchange exchange) {
    return new WebhookRequest(exchange.getRequestHeaders(), "", new byte[0]);
  }

  private Inbound parse(WebhookRequest request) {
    try {
      return source.parse(request);
    } catch (ProblemException e) {
      // Signed by the sender yet unreadable (its payload, or a header sent twice): the sender and
      // this service disagree on a format.
      refusedLog.log(
          "{} delivery '{}': signed, but refused: {}",
          source.source(),
          Echo.of(source.deliveryKey(request)),
          e.getMessage());
      throw e;
    }
  }

  /** The receipt, or the failure as the sender is to be told it, logged with the delivery. */
  private Receipt recorded(
      WebhookEvent event, @Nullable Receipt receipt, @Nullable Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause == null && receipt != null) {
      return receipt;
    }
    if (cause instanceof StoreException e) {
      // Limited, and without the stack trace: the store has logged its own failure, and when the
      // database is gone every delivery fails alike.
      unrecordedLog.log(
          "{} delivery {} ({}): could not be recorded ({}); asking the sender to redeliver",
          event.source(),
          event.deliveryId(),
          event.kind(),
          String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
      throw e;
    }
    // Logged here, where the delivery is known; the answer then only names the problem.
    LOG.error(
        "{} delivery {} ({}): failed unexpectedly",
        event.source(),
        event.deliveryId(),
        event.kind(),
        cause);
    throw Problem.of(
            ProblemType.INTERNAL_ERROR, "the orchestrator failed unexpectedly; see its log")
        .toException();
  }

  /**
   * What the sender is told, and the log line that says so; ignored deliveries' and redeliveries'
   * lines go through {@link LimitedLog}, which limits them to a number a second.
   */
  private Receipt told(WebhookEvent event, Receipt receipt) {
    Object[] line = {
      event.source(), event.deliveryId(), event.kind(), ReceiptJson.describe(receipt)
    };
    if (receipt instanceof Receipt.Ignored) {
      ignoredLog.log("{} delivery {} ({}): {}", line);
    } else if (receipt instanceof Receipt.Duplicate) {
      duplicateLog.log("{} delivery {} ({}): {}", line);
    } else {
      LOG.info("{} delivery {} ({}): {}", line);
    }
    return receipt;
  }

  private static int status(Receipt receipt) {
    return receipt instanceof Receipt.Created ? 202 : 200;
  }
}
