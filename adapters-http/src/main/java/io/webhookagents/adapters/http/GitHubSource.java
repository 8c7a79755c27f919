package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * GitHub as a sender of webhooks: JSON or form-encoded bodies signed with {@code
 * X-Hub-Signature-256}, keyed by {@code X-GitHub-Delivery}, named by {@code X-GitHub-Event}.
 */
final class GitHubSource implements WebhookSource {
  static final String SIGNATURE = "X-Hub-Signature-256";
  static final String LEGACY_SIGNATURE = "X-Hub-Signature";
  static final String EVENT = "X-GitHub-Event";
  static final String DELIVERY = "X-GitHub-Delivery";
  private static final Pattern EVENT_NAME = Pattern.compile("[a-z_]+");

  private final @Nullable GitHubSignature signature;

  GitHubSource(@Nullable String secret) {
    this.signature = secret == null ? null : new GitHubSignature(secret);
  }

  @Override
  public Source source() {
    return Source.GITHUB;
  }

  @Override
  public @Nullable String notConfiguredReason() {
    return signature != null ? null : "GitHub intake is not configured: set GITHUB_WEBHOOK_SECRET";
  }

  @Override
  public boolean accepts(String mediaType) {
    return mediaType.equals(MediaType.JSON) || mediaType.equals(MediaType.FORM);
  }

  @Override
  public String acceptedMediaTypes() {
    return MediaType.JSON + " or " + MediaType.FORM;
  }

  @Override
  public @Nullable String deliveryKey(WebhookRequest request) {
    return request.firstHeader(DELIVERY);
  }

  @Override
  public void verify(WebhookRequest request) {
    String header = request.header(SIGNATURE);
    if (header == null) {
      throw rejected(missingSignature(request));
    }

    SignatureCheck result = checker().check(header, request.body());
    if (result == SignatureCheck.MALFORMED) {
      throw rejected(SIGNATURE + " must be sha256= followed by 64 hex digits");
    }
    if (result == SignatureCheck.MISMATCH) {
      throw rejected(
          SIGNATURE
              + " does not match the body; check that GITHUB_WEBHOOK_SECRET is the secret set"
              + " on the GitHub webhook");
    }
  }

  @Override
  public Inbound parse(WebhookRequest request) {
    String event = eventName(request);
    String delivery = request.requireKey(DELIVERY);
    return new Inbound.Delivery(GitHubEvents.toEvent(delivery, event, json(request)));
  }

  private static String eventName(WebhookRequest request) {
    String event = request.requireHeader(EVENT);
    if (!EVENT_NAME.matcher(event).matches()) {
      throw Problem.of(
              ProblemType.INVALID_REQUEST,
              EVENT
                  + " must be an event name of lower-case letters and underscores, such as"
                  + " issue_comment")
          .toException();
    }
    return event;
  }

  private GitHubSignature checker() {
    if (signature == null) {
      throw new IllegalStateException("GitHub intake is not configured");
    }
    return signature;
  }

  private static String missingSignature(WebhookRequest request) {
    if (request.header(LEGACY_SIGNATURE) != null) {
      return SIGNATURE + " is missing; the SHA-1 " + LEGACY_SIGNATURE + " alone is not accepted";
    }
    return SIGNATURE + " is missing; set a secret on the GitHub webhook";
  }

  private static byte[] json(WebhookRequest request) {
    if (!request.mediaType().equals(MediaType.FORM)) {
      return request.body();
    }
    byte[] payload = FormBody.field(request.body(), "payload");
    if (payload == null) {
      throw JsonFieldReader.invalid("the form body has no payload field");
    }
    return payload;
  }

  private static ProblemException rejected(String detail) {
    return Problem.of(ProblemType.INVALID_SIGNATURE, detail).toException();
  }
}
