package io.webhookagents.adapters.http;

/** What checking a signature header against a body found. */
enum SignatureCheck {
  MATCH,
  /** The header is not in the sender's format, e.g. a missing prefix or not 64 hex digits. */
  MALFORMED,
  MISMATCH
}
