package io.webhookagents.adapters.http;

/**
 * The shape a sender's de-duplication key must have. Keys are stored, shown in the API and logged,
 * and compared byte for byte, so only what every sender really sends is taken: GitHub and Linear
 * send UUIDs, Slack short tokens.
 */
final class DeliveryKey {
  static final String RULE = "printable ASCII without spaces (characters 0x21 to 0x7E)";

  private DeliveryKey() {}

  /** True when every character is printable ASCII other than a space; false for an empty key. */
  static boolean isValid(String key) {
    return !key.isEmpty() && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
  }
}
