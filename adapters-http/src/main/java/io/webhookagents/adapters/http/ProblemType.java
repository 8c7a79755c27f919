package io.webhookagents.adapters.http;

/** The kinds of error this adapter answers with, each with its status, type URI and title. */
enum ProblemType {
  INVALID_REQUEST(400, "invalid-request", "Invalid request"),
  MISSING_HEADER(400, "missing-header", "Missing header"),
  INVALID_PAYLOAD(400, "invalid-payload", "Invalid payload"),
  INVALID_SIGNATURE(401, "invalid-signature", "Invalid signature"),
  UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
  FORBIDDEN(403, "forbidden", "Forbidden"),
  NOT_FOUND(404, "not-found", "Not found"),
  SOURCE_NOT_CONFIGURED(404, "source-not-configured", "Source not configured"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
  REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
  ILLEGAL_TRANSITION(409, "illegal-transition", "Illegal transition"),
  PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
  INTERNAL_ERROR(500, "internal-error", "Internal error"),
  STORE_UNAVAILABLE(503, "store-unavailable", "Store unavailable"),
  NO_ROOM_FOR_BODY(503, "no-room-for-body", "No room for the body"),
  TOO_MANY_PAGES(503, "too-many-pages", "Too many pages at once"),
  SHUTTING_DOWN(503, "shutting-down", "Shutting down");

  private static final String BASE_URI = "https://webhook-agents.dev/problems/";

  private final int status;
  private final String slug;
  private final String title;

  ProblemType(int status, String slug, String title) {
    this.status = status;
    this.slug = slug;
    this.title = title;
  }

  int status() {
    return status;
  }

  String uri() {
    return BASE_URI + slug;
  }

  String title() {
    return title;
  }
}
