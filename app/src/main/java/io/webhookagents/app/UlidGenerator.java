package io.webhookagents.app;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.IdGenerator;
import java.security.SecureRandom;

/**
 * Makes ULIDs: 48 bits of milliseconds then 80 random bits, in Crockford's base 32. Ids made in the
 * same millisecond count up from the first, so later ids always compare greater.
 */
final class UlidGenerator implements IdGenerator {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private long randomHigh;
  private long randomLow;

  UlidGenerator(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized AgentId newAgentId() {
    long millis = Math.max(clock.now().toEpochMilli(), lastMillis);
    if (millis == lastMillis) {
      increment();
    } else {
      lastMillis = millis;
      randomHigh = random.nextInt(1 << 16) & 0xFFFFL;
      randomLow = random.nextLong();
    }
    return new AgentId(encode(millis, randomHigh, randomLow));
  }

  private void increment() {
    randomLow++;
    if (randomLow == 0) {
      randomHigh = (randomHigh + 1) & 0xFFFFL;
      if (randomHigh == 0) {
        // 2^80 ids in one millisecond cannot happen; move to the next millisecond all the same.
        lastMillis++;
      }
    }
  }

  private static String encode(long millis, long high16, long low64) {
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    // The 80 random bits are high16:low64; take them five at a time from the least significant.
    for (int i = 25; i >= 10; i--) {
      out[i] = ALPHABET[(int) (low64 & 31)];
      low64 = (low64 >>> 5) | ((high16 & 31) << 59);
      high16 >>>= 5;
    }
    return new String(out);
  }
}
