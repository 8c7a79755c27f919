package io.webhookagents.application;

import java.time.Duration;

/** A duration as the settings write one, such as {@code 2h} or {@code 90s}, for messages. */
public final class DurationWords {
  private static final long[] UNIT_MILLIS = {86_400_000, 3_600_000, 60_000, 1_000};
  private static final String[] UNITS = {"d", "h", "m", "s"};

  private DurationWords() {}

  /** In the largest unit it is a whole number of: {@code 2h}, not {@code PT2H} or {@code 120m}. */
  public static String of(Duration duration) {
    long millis = duration.toMillis();
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      if (millis != 0 && millis % UNIT_MILLIS[i] == 0) {
        return millis / UNIT_MILLIS[i] + UNITS[i];
      }
    }
    return millis + "ms";
  }
}
