package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.Clock;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Linear as a sender of webhooks: JSON bodies signed with {@code Linear-Signature}, dated by their
 * own {@code webhookTimestamp}, keyed by {@code Linear-Delivery}.
 */
final class LinearSource implements WebhookSource {
  static final String SIGNATURE = "Linear-Signature";
  static final String DELIVERY = "Linear-Delivery";
  static final String TIMESTAMP = "webhookTimestamp";
  static final Duration TOLERANCE = Duration.ofSeconds(60);
  private static final long SECONDS_LOOK_LIKE = 100_000_000_000L;

  private final @Nullable LinearSignature signature;
  private final LinearEvents events;
  private final ReplayWindow window;

  LinearSource(HttpSettings settings, Clock clock) {
    String secret = settings.linearSecret();
    this.signature = secret == null ? null : new LinearSignature(secret);
    this.events = new LinearEvents(settings);
    this.window = new ReplayWindow(TOLERANCE, clock);
  }

  @Override
  public Source source() {
    return Source.LINEAR;
  }

  @Override
  public @Nullable String notConfiguredReason() {
    return signature != null ? null : "Linear intake is not configured: set LINEAR_WEBHOOK_SECRET";
  }

  @Override
  public boolean accepts(String mediaType) {
    return mediaType.equals(MediaType.JSON);
  }

  @Override
  public String acceptedMediaTypes() {
    return MediaType.JSON;
  }

  @Override
  public @Nullable String deliveryKey(WebhookRequest request) {
    return request.firstHeader(DELIVERY);
  }

  @Override
  public void verify(WebhookRequest request) {
    String header = request.header(SIGNATURE);
    if (header == null || header.isBlank()) {
      throw rejected(SIGNATURE + " is missing; Linear signs every delivery, so this is not one");
    }

    SignatureCheck result = checker().check(header, request.body());
    if (result == SignatureCheck.MALFORMED) {
      throw rejected(SIGNATURE + " must be 64 hex digits");
    }
    if (result == SignatureCheck.MISMATCH) {
      throw rejected(
          SIGNATURE
              + " does not match the body; check that LINEAR_WEBHOOK_SECRET is the webhook's"
              + " signing secret in Linear");
    }

    long sentAt = sentAt(request.body());
    // Milliseconds since the epoch have had 13 digits since 2001; seconds have 10 until 2286.
    window.check(
        sentAt,
        sentAt < SECONDS_LOOK_LIKE ? TIMESTAMP + " (milliseconds since the epoch)" : TIMESTAMP);
  }

  @Override
  public Inbound parse(WebhookRequest request) {
    String delivery = request.requireKey(DELIVERY);
    return events.toInbound(delivery, request.body());
  }

  private LinearSignature checker() {
    if (signature == null) {
      throw new IllegalStateException("Linear intake is not configured");
    }
    return signature;
  }

  // The date is inside the signed body, so it is read after the signature holds, and on its own.
  // Linear signed whatever is there, so one that is missing or no number is a bad payload (400).
  private static long sentAt(byte[] body) {
    JsonValue value = JsonFieldReader.read(body, Set.of(TIMESTAMP)).get(TIMESTAMP);
    if (value.isAbsentOrNull()) {
      throw JsonFieldReader.invalid(
          TIMESTAMP + " is missing, so the delivery's age cannot be checked");
    }
    if (value.kind() == JsonValue.Kind.NUMBER) {
      try {
        return Long.parseLong(value.text());
      } catch (NumberFormatException e) {
        // Falls through to the same answer as a value of another kind.
      }
    }
    String was =
        value.kind() == JsonValue.Kind.NUMBER ? Echo.of(value.text()) : value.kind().description();
    throw JsonFieldReader.invalid(
        TIMESTAMP + " must be a whole number of milliseconds, was " + was);
  }

  private static ProblemException rejected(String detail) {
    return Problem.of(ProblemType.INVALID_SIGNATURE, detail).toException();
  }
}
