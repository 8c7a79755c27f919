package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LimitedLogTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);
  private final Deque<Runnable> timers = new ArrayDeque<>();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private LimitedLog log;

  @BeforeEach
  void start() {
    Logger logger = new LoggerContext().getLogger("ignored-deliveries-test");
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
    log =
        new LimitedLog(
            logger::info,
            "github",
            "deliveries were ignored",
            "; GET /deliveries?decision=ignored lists each with its reason",
            3,
            now::get,
            timers::add);
  }

  @Test
  void upToTheLimit_eachDeliveryHasItsLine() {
    log.log("delivery {}", "d-1");
    log.log("delivery {}", "d-2");
    log.log("delivery {}", "d-3");

    assertThat(messages()).containsExactly("delivery d-1", "delivery d-2", "delivery d-3");
    assertThat(timers).isEmpty();
  }

  @Test
  void pastTheLimit_theRestAreCounted_andTheCountLoggedByTheNextDeliveryAfterTheSecond() {
    for (int i = 1; i <= 10; i++) {
      log.log("delivery {}", "d-" + i);
    }
    now.addAndGet(SECOND);
    log.log("delivery {}", "d-11");

    assertThat(messages())
        .containsExactly(
            "delivery d-1",
            "delivery d-2",
            "delivery d-3",
            "github: 7 more deliveries were ignored in one second, past the 3 logged one by one;"
                + " GET /deliveries?decision=ignored lists each with its reason",
            "delivery d-11");
  }

  @Test
  void aSecondThatEndsTheStorm_hasItsCountLoggedByTheTimer_once() {
    for (int i = 1; i <= 5; i++) {
      log.log("delivery {}", "d-" + i);
    }
    assertThat(timers).as("one timer for the second's count").hasSize(1);

    now.addAndGet(SECOND);
    timers.poll().run();
    log.log("delivery {}", "d-6");

    assertThat(messages())
        .containsExactly(
            "delivery d-1",
            "delivery d-2",
            "delivery d-3",
            "github: 2 more deliveries were ignored in one second, past the 3 logged one by one;"
                + " GET /deliveries?decision=ignored lists each with its reason",
            "delivery d-6");
  }

  private List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
