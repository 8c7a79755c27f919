package io.webhookagents.adapters.http;

import io.webhookagents.ports.out.Clock;
import java.time.Duration;

/**
 * How far a signed delivery's own timestamp may be from the orchestrator's clock, either way. A
 * signature proves who sent the bytes, not when; the window keeps a captured delivery from being
 * replayed later. Immutable and safe to share between threads.
 */
final class ReplayWindow {
  private final Duration tolerance;
  private final Clock clock;

  ReplayWindow(Duration tolerance, Clock clock) {
    this.tolerance = tolerance;
    this.clock = clock;
  }

  /**
   * Lets the delivery through or throws a 401 that says how far off it was.
   *
   * @param sentMillis when the sender says it sent the delivery, in milliseconds since the epoch
   * @param what the header or field the time came from, for the message
   */
  void check(long sentMillis, String what) {
    long now = clock.now().toEpochMilli();
    long limit = tolerance.toMillis();

    long ahead;
    try {
      ahead = Math.subtractExact(sentMillis, now);
    } catch (ArithmeticException e) {
      throw outside(what + " is nowhere near the current time");
    }

    if (ahead < -limit) {
      throw outside(what + " is " + secondsUp(-ahead) + " s in the past");
    }
    if (ahead > limit) {
      throw outside(what + " is " + secondsUp(ahead) + " s in the future");
    }
  }

  // Rounded up, so that a time just past the limit never reads as within it.
  private static long secondsUp(long millis) {
    return -Math.floorDiv(-millis, 1000);
  }

  private ProblemException outside(String how) {
    return Problem.of(
            ProblemType.INVALID_SIGNATURE,
            how
                + "; deliveries more than "
                + tolerance.toSeconds()
                + " s from the orchestrator's clock are refused as possible replays"
                + " (check that both clocks are right)")
        .toException();
  }
}
