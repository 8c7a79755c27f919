package io.webhookagents.adapters.http;

import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Slack as a sender: Events API deliveries as JSON and slash commands as form bodies, both signed
 * with {@code X-Slack-Signature} over {@code X-Slack-Request-Timestamp} and the body.
 */
final class SlackSource implements WebhookSource {
  static final String SIGNATURE = "X-Slack-Signature";
  static final String TIMESTAMP = "X-Slack-Request-Timestamp";
  static final Duration TOLERANCE = Duration.ofSeconds(300);

  /** Why a Slack request that names no repository starts nothing. */
  static final String NO_REPOSITORY =
      "no repository: write repo:owner/name in the message or set SLACK_DEFAULT_REPO";

  // Seconds since the epoch have 10 digits until the year 2286; more is not a Slack timestamp.
  private static final int MAX_TIMESTAMP_DIGITS = 12;
  private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern MESSAGE_TS = Pattern.compile("[0-9]{1,12}\\.[0-9]{1,9}");

  private final @Nullable SlackSignature signature;
  private final @Nullable String defaultRepo;
  private final ReplayWindow window;

  SlackSource(HttpSettings settings, Clock clock) {
    String secret = settings.slackSecret();
    this.signature = secret == null ? null : new SlackSignature(secret);
    this.defaultRepo = settings.slackDefaultRepo();
    this.window = new ReplayWindow(TOLERANCE, clock);
  }

  @Override
  public Source source() {
    return Source.SLACK;
  }

  @Override
  public @Nullable String notConfiguredReason() {
    return signature != null ? null : "Slack intake is not configured: set SLACK_SIGNING_SECRET";
  }

  @Override
  public boolean accepts(String mediaType) {
    return mediaType.equals(MediaType.JSON) || mediaType.equals(MediaType.FORM);
  }

  @Override
  public String acceptedMediaTypes() {
    return MediaType.JSON + " (events) or " + MediaType.FORM + " (slash commands)";
  }

  @Override
  public @Nullable String deliveryKey(WebhookRequest request) {
    // Slack's key, event_id, is inside the body, which is not read before the signature holds.
    return null;
  }

  @Override
  public void verify(WebhookRequest request) {
    String header = requireHeader(request, SIGNATURE);
    // Read as text only: it is part of what was signed, so it is not parsed before that holds.
    String raw = request.header(TIMESTAMP);
    String timestamp = raw == null ? "" : raw.strip();

    SignatureCheck result = checker().check(timestamp, header, request.body());
    if (result == SignatureCheck.MALFORMED) {
      throw rejected(SIGNATURE + " must be v0= followed by 64 hex digits");
    }
    if (result == SignatureCheck.MISMATCH && timestamp.isEmpty()) {
      throw rejected(
          TIMESTAMP + " is missing; Slack signs every request with one, so this is not one");
    }
    if (result == SignatureCheck.MISMATCH) {
      throw rejected(
          SIGNATURE
              + " does not match the timestamp and body; check that SLACK_SIGNING_SECRET is the"
              + " app's signing secret");
    }

    window.check(seconds(timestamp) * 1000, TIMESTAMP);
  }

  @Override
  public Inbound parse(WebhookRequest request) {
    if (request.mediaType().equals(MediaType.FORM)) {
      return SlackCommands.toInbound(request.body(), defaultRepo);
    }
    return SlackEvents.toInbound(request.body(), defaultRepo);
  }

  private SlackSignature checker() {
    if (signature == null) {
      throw new IllegalStateException("Slack intake is not configured");
    }
    return signature;
  }

  private static String requireHeader(WebhookRequest request, String name) {
    String value = request.header(name);
    if (value == null || value.isBlank()) {
      throw rejected(name + " is missing; Slack signs every request, so this is not one");
    }
    return value.strip();
  }

  /** The signed timestamp; a 400, since the signature holds, when it is missing or no number. */
  private static long seconds(String timestamp) {
    if (timestamp.isEmpty()) {
      throw Problem.of(ProblemType.MISSING_HEADER, TIMESTAMP + " is missing").toException();
    }
    boolean digits = timestamp.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!digits || timestamp.length() > MAX_TIMESTAMP_DIGITS) {
      throw Problem.of(
              ProblemType.INVALID_REQUEST,
              TIMESTAMP + " must be whole seconds since the epoch, was " + Echo.of(timestamp))
          .toException();
    }
    return Long.parseLong(timestamp);
  }

  /**
   * A de-duplication key as sent, refused when it is too long or holds what Slack's never do.
   *
   * @throws ProblemException (400) naming the field
   */
  static String requireKey(String key, String field) {
    if (key.isBlank()) {
      throw JsonFieldReader.invalid(field + " is blank");
    }
    if (key.length() > WebhookRequest.MAX_HEADER_LENGTH) {
      throw JsonFieldReader.invalid(
          field + " is longer than " + WebhookRequest.MAX_HEADER_LENGTH + " characters");
    }
    String stripped = key.strip();
    if (!DeliveryKey.isValid(stripped)) {
      throw JsonFieldReader.invalid(field + " must be " + DeliveryKey.RULE);
    }
    return stripped;
  }

  /**
   * A channel's id as Slack writes them (C0LAN2Q65, G…, D…), which names a thread's subject and so
   * may hold nothing that could run into the part after it.
   *
   * @throws ProblemException (400) naming the field
   */
  static String requireChannel(String id, String field) {
    if (!CHANNEL_ID.matcher(id).matches()) {
      throw JsonFieldReader.invalid(
          field + " must be a Slack channel id such as C0LAN2Q65, was '" + Echo.of(id) + "'");
    }
    return id;
  }

  /**
   * A message's timestamp as Slack writes them (1515449522.000016), which names a thread: two
   * messages with a blank or made-up one would otherwise share a thread, and its agent.
   *
   * @throws ProblemException (400) naming the field
   */
  static String requireMessageTs(String ts, String field) {
    if (!MESSAGE_TS.matcher(ts).matches()) {
      throw JsonFieldReader.invalid(
          field
              + " must be a Slack timestamp such as 1515449522.000016, was '"
              + Echo.of(ts)
              + "'");
    }
    return ts;
  }

  private static ProblemException rejected(String detail) {
    return Problem.of(ProblemType.INVALID_SIGNATURE, detail).toException();
  }
}
