package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingLifecycleListenerTest {
  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

  private final Logger lifecycle = (Logger) LoggerFactory.getLogger("io.webhookagents.lifecycle");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final LoggingLifecycleListener listener = new LoggingLifecycleListener();
  private Level levelBefore;

  @BeforeEach
  void capture() {
    levelBefore = lifecycle.getLevel();
    lifecycle.setLevel(Level.DEBUG);
    lines.start();
    lifecycle.addAppender(lines);
  }

  @AfterEach
  void release() {
    lifecycle.detachAppender(lines);
    lifecycle.setLevel(levelBefore);
  }

  @Test
  void failedAttempts_areWarnedOfAtFirst_thenEveryTenth() {
    Agent agent = pending();
    for (int attempt = 1; attempt <= 30; attempt++) {
      agent = agent.withAttempt();
      listener.retryScheduled(
          agent.attemptFailed("connection refused", "attempt in 30 s", T0), T0.plusSeconds(30));
    }

    List<String> warned =
        lines.list.stream()
            .filter(line -> line.getLevel() == Level.WARN)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(warned)
        .extracting(line -> line.replaceAll(".* attempt (\\d+) failed.*", "$1"))
        .containsExactly("1", "2", "3", "10", "20", "30");
    assertThat(warned.get(2)).endsWith("(its later failed attempts are logged every 10th)");
    assertThat(lines.list).hasSize(30);
  }

  private static Agent pending() {
    return new Agent(
        new AgentId("ag_1"),
        Source.GITHUB,
        "issues",
        "opened",
        "d-1",
        "octo-org/demo",
        "octo-org/demo#1",
        null,
        "Investigate",
        AgentStatus.PENDING,
        null,
        null,
        0,
        null,
        T0,
        T0);
  }
}
