package io.webhookagents.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.ChangeAgents;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The rules that need history: the cap per subject, follow-ups and closing. */
class SubjectRulesTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final InMemoryAgentStore store = new InMemoryAgentStore();
  private final ScriptedController controller = new ScriptedController();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebhookIntake intake = Intakes.intake(store, this::nextId, clock, () -> {});

  @Test
  void aBurstOfTwentyCommentsOnOneIssue_startsNoMoreThanTheCap() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Receipt>> receipts = new ArrayList<>();

    for (int i = 0; i < 20; i++) {
      String delivery = "burst-" + i;
      receipts.add(pool.submit(() -> intake.receive(TestEvents.comment(delivery, "fix it"))));
    }
    int created = 0;
    for (Future<Receipt> receipt : receipts) {
      created += receipt.get() instanceof Receipt.Created ? 1 : 0;
    }
    pool.shutdown();

    assertThat(created).isEqualTo(Intakes.CAP);
    assertThat(store.agentCount()).isEqualTo(Intakes.CAP);
    assertThat(store.delivery(Source.GITHUB, "burst-19").decision()).isIn("ignored", "created");
  }

  @Test
  void theCap_isPerHour() {
    for (int i = 0; i < Intakes.CAP; i++) {
      intake.receive(TestEvents.comment("early-" + i, "fix it"));
    }

    Receipt sameHour = intake.receive(TestEvents.comment("late-1", "fix it"));
    clock.advance(Duration.ofMinutes(61));
    Receipt nextHour = intake.receive(TestEvents.comment("late-2", "fix it"));

    assertThat(sameHour).isInstanceOf(Receipt.Ignored.class);
    assertThat(((Receipt.Ignored) sameHour).reason())
        .isEqualTo(
            "octo-org/demo#42 already had 5 agents in the last hour"
                + " (MAX_AGENTS_PER_SUBJECT_PER_HOUR=5)");
    assertThat(nextHour).isInstanceOf(Receipt.Created.class);
  }

  @Test
  void aSlackReplyNamingAnotherRepository_startsItsOwnAgent_notAFollowUpOnTheThreadsSession() {
    AgentDispatch dispatch = dispatch();
    intake.receive(TestEvents.slackMentionInThread("Ev-1", "acme/widgets", "fix the build"));
    dispatch.advance(dispatch.claimDue(10).get(0));

    Receipt otherRepo =
        intake.receive(TestEvents.slackMentionInThread("Ev-2", "evil/other", "push my branch"));
    Receipt sameRepo =
        intake.receive(TestEvents.slackMentionInThread("Ev-3", "acme/widgets", "and the docs"));

    assertThat(otherRepo).isEqualTo(new Receipt.Created(new AgentId("ag_002"), null));
    assertThat(store.delivery(Source.SLACK, "Ev-2").decision()).isEqualTo(DeliveryRecord.CREATED);
    assertThat(sameRepo).isEqualTo(new Receipt.Created(new AgentId("ag_003"), "s-1"));
    assertThat(store.delivery(Source.SLACK, "Ev-3").decision()).isEqualTo(DeliveryRecord.FOLLOW_UP);
  }

  @Test
  void aSlackReplyInTheFirstRepository_followsUpOnItsAgent_thoughANewerOneWorksElsewhere() {
    AgentDispatch dispatch = dispatch();
    intake.receive(TestEvents.slackMentionInThread("Ev-1", "acme/widgets", "fix the build"));
    dispatch.advance(dispatch.claimDue(10).get(0));
    intake.receive(TestEvents.slackMentionInThread("Ev-2", "evil/other", "push my branch"));
    dispatch.advance(dispatch.claimDue(10).get(0));

    Receipt back =
        intake.receive(TestEvents.slackMentionInThread("Ev-3", "Acme/Widgets", "and the docs"));

    assertThat(back).isEqualTo(new Receipt.Created(new AgentId("ag_003"), "s-1"));
    assertThat(store.delivery(Source.SLACK, "Ev-3").decision()).isEqualTo(DeliveryRecord.FOLLOW_UP);
  }

  @Test
  void aSlackReplyNamingNoRepository_followsUpOnTheThreadsAgent_ratherThanGoingToTheDefault() {
    AgentDispatch dispatch = dispatch();
    intake.receive(TestEvents.slackMentionInThread("Ev-1", "acme/widgets", "fix the build"));
    dispatch.advance(dispatch.claimDue(10).get(0));

    Receipt reply =
        intake.receive(TestEvents.slackReplyNamingNoRepo("Ev-2", "acme/default", "and the docs"));

    assertThat(reply).isEqualTo(new Receipt.Created(new AgentId("ag_002"), "s-1"));
    assertThat(store.find(new AgentId("ag_002")).orElseThrow().repo()).isEqualTo("acme/widgets");
    assertThat(store.delivery(Source.SLACK, "Ev-2").decision()).isEqualTo(DeliveryRecord.FOLLOW_UP);
  }

  @Test
  void
      aSlackReplyNamingNoRepository_inAThreadWhoseAgentEnded_startsAnAgentInTheThreadsRepository() {
    AgentDispatch dispatch = dispatch();
    intake.receive(TestEvents.slackMentionInThread("Ev-1", "acme/widgets", "fix the build"));
    dispatch.advance(dispatch.claimDue(10).get(0));
    intake.receive(TestEvents.slackMentionInThread("Ev-2", "acme/gadgets", "and this one"));
    store.apply(store.find(new AgentId("ag_001")).orElseThrow().completed("done", clock.now()));

    Receipt reply = intake.receive(TestEvents.slackReplyNamingNoRepo("Ev-3", null, "once more"));

    assertThat(reply).isEqualTo(new Receipt.Created(new AgentId("ag_003"), null));
    assertThat(store.find(new AgentId("ag_003")).orElseThrow().repo()).isEqualTo("acme/gadgets");
    assertThat(store.delivery(Source.SLACK, "Ev-3").decision()).isEqualTo(DeliveryRecord.CREATED);
  }

  @Test
  void aSlackReplyNamingNoRepository_inAThreadWithNoAgent_takesTheDefault_orIsIgnoredWithout() {
    Receipt withDefault =
        intake.receive(TestEvents.slackReplyNamingNoRepo("Ev-1", "acme/default", "fix it"));
    store.apply(store.find(new AgentId("ag_001")).orElseThrow().cancelled("x", clock.now()));
    Receipt elsewhere =
        intake.receive(TestEvents.slackMention("Ev-2", "slack:C9/555.5", null, "fix it", true));

    assertThat(withDefault).isEqualTo(new Receipt.Created(new AgentId("ag_001"), null));
    assertThat(store.find(new AgentId("ag_001")).orElseThrow().repo()).isEqualTo("acme/default");
    assertThat(elsewhere).isEqualTo(new Receipt.Ignored(TestEvents.NO_SLACK_REPO));
    assertThat(store.delivery(Source.SLACK, "Ev-2").reason()).isEqualTo(TestEvents.NO_SLACK_REPO);
  }

  @Test
  void aCommentOnASubjectWithARunningAgent_followsUpOnItsSession() {
    AgentDispatch dispatch = dispatch();
    intake.receive(TestEvents.issueOpened("d-issue"));
    dispatch.advance(dispatch.claimDue(10).get(0));

    Receipt receipt = intake.receive(TestEvents.comment("d-comment", "also check Windows"));
    Agent followUp = dispatch.advance(dispatch.claimDue(10).get(0));

    assertThat(receipt).isEqualTo(new Receipt.Created(new AgentId("ag_002"), "s-1"));
    assertThat(store.delivery(Source.GITHUB, "d-comment").decision())
        .isEqualTo(DeliveryRecord.FOLLOW_UP);
    assertThat(followUp.status()).isEqualTo(AgentStatus.RUNNING);
    assertThat(followUp.sessionId()).isEqualTo("s-1");
    assertThat(controller.calls)
        .containsExactly(
            "session octo-org/demo ag_001:create-session",
            "task s-1 ag_001:submit-task",
            "task s-1 ag_002:submit-task");
  }

  @Test
  void closingTheIssue_cancelsItsUnfinishedAgentsOnce() {
    intake.receive(TestEvents.issueOpened("d-1"));
    intake.receive(TestEvents.comment("d-2", "more"));

    Receipt closed = intake.receive(TestEvents.issueClosed("d-close"));
    Receipt again = intake.receive(TestEvents.issueClosed("d-close"));

    assertThat(closed)
        .isEqualTo(new Receipt.Ignored("octo-org/demo#42 was closed; cancelling ag_001, ag_002"));
    assertThat(again).isEqualTo(new Receipt.Duplicate(null));
    assertThat(store.find(new AgentId("ag_001")).orElseThrow().status())
        .isEqualTo(AgentStatus.CANCELLED);
    assertThat(store.timeline(new AgentId("ag_002")))
        .last()
        .satisfies(
            e -> assertThat(e.detail()).isEqualTo("cancelled because octo-org/demo#42 was closed"));
  }

  @Test
  void aCloseWhoseCancelFailed_isNotRecorded_andItsRedeliveryCancels() {
    intake.receive(TestEvents.issueOpened("d-1"));
    WebhookIntake closing =
        Intakes.intakeCancellingThrough(
            store,
            this::nextId,
            clock,
            cancellingAfter(
                () -> {
                  throw new StoreException("could not cancel: the database is locked", null);
                }));

    assertThatThrownBy(() -> closing.receive(TestEvents.issueClosed("d-close")))
        .isInstanceOf(StoreException.class);
    boolean recordedAfterFailure = store.deliverySeen(Source.GITHUB, "d-close");
    Receipt redelivered = closing.receive(TestEvents.issueClosed("d-close"));

    assertThat(recordedAfterFailure).isFalse();
    assertThat(redelivered)
        .isEqualTo(new Receipt.Ignored("octo-org/demo#42 was closed; cancelling ag_001"));
    assertThat(store.find(new AgentId("ag_001")).orElseThrow().status())
        .isEqualTo(AgentStatus.CANCELLED);
  }

  @Test
  void anOldCloseSentAgain_leavesTheAgentsOfTheReopenedIssueAlone() {
    intake.receive(TestEvents.issueOpened("d-1"));
    intake.receive(TestEvents.issueClosed("d-close"));
    intake.receive(TestEvents.issueOpened("d-reopened"));

    Receipt again = intake.receive(TestEvents.issueClosed("d-close"));

    assertThat(again).isEqualTo(new Receipt.Duplicate(null));
    assertThat(store.find(new AgentId("ag_002")).orElseThrow().status())
        .isEqualTo(AgentStatus.PENDING);
  }

  @Test
  void aFollowUpRecordedWhileTheIssueCloses_isCancelledWithTheAgentItFollows() {
    AgentDispatch dispatch = dispatch();
    intake.receive(TestEvents.issueOpened("d-issue"));
    dispatch.advance(dispatch.claimDue(10).get(0));
    // The close has read ag_001 as running; before its cancel commits, a comment follows it up.
    ChangeAgents commentFirst =
        cancellingAfter(
            () -> intake.receive(TestEvents.comment("d-comment", "also check Windows")));
    WebhookIntake closing =
        Intakes.intakeCancellingThrough(store, this::nextId, clock, commentFirst);

    Receipt closed = closing.receive(TestEvents.issueClosed("d-close"));

    assertThat(closed)
        .isEqualTo(new Receipt.Ignored("octo-org/demo#42 was closed; cancelling ag_001"));
    assertThat(store.delivery(Source.GITHUB, "d-comment").decision())
        .isEqualTo(DeliveryRecord.FOLLOW_UP);
    assertThat(store.find(new AgentId("ag_001")).orElseThrow().status())
        .isEqualTo(AgentStatus.CANCELLED);
    assertThat(store.find(new AgentId("ag_002")).orElseThrow().status())
        .isEqualTo(AgentStatus.CANCELLED);
  }

  @Test
  void aFollowUpOnAnAgentThatEndedBeforeTheClosesCancel_isCancelled_whileANewAgentIsNot() {
    AgentDispatch dispatch = dispatch();
    intake.receive(TestEvents.issueOpened("d-issue"));
    // The close has read ag_001 as pending. Before its cancel: a comment starts ag_002 while
    // ag_001 waits, ag_001 gets a session and runs, a comment follows it up (ag_003), it completes.
    ChangeAgents meanwhile =
        cancellingAfter(
            () -> {
              intake.receive(TestEvents.comment("d-new", "while it waits"));
              dispatch.advance(dispatch.claimDue(10).get(0));
              intake.receive(TestEvents.comment("d-follow", "also check Windows"));
              Intakes.outcomes(store, clock, controller)
                  .reportOutcome(new AgentId("ag_001"), AgentStatus.COMPLETED, "done");
            });
    WebhookIntake closing = Intakes.intakeCancellingThrough(store, this::nextId, clock, meanwhile);

    closing.receive(TestEvents.issueClosed("d-close"));

    assertThat(store.delivery(Source.GITHUB, "d-follow").decision())
        .isEqualTo(DeliveryRecord.FOLLOW_UP);
    assertThat(store.find(new AgentId("ag_001")).orElseThrow().status())
        .isEqualTo(AgentStatus.COMPLETED);
    assertThat(store.find(new AgentId("ag_002")).orElseThrow().status())
        .isEqualTo(AgentStatus.PENDING);
    assertThat(store.find(new AgentId("ag_003")).orElseThrow().status())
        .isEqualTo(AgentStatus.CANCELLED);
  }

  /** Agent changes that run {@code meanwhile} once, just before the first cancel. */
  private ChangeAgents cancellingAfter(Runnable meanwhile) {
    ChangeAgents outcomes = Intakes.outcomes(store, clock, controller);
    AtomicBoolean ran = new AtomicBoolean();
    return new ChangeAgents() {
      @Override
      public Agent reportOutcome(AgentId id, AgentStatus outcome, @Nullable String detail) {
        return outcomes.reportOutcome(id, outcome, detail);
      }

      @Override
      public Agent cancel(AgentId id, String reason) {
        if (ran.compareAndSet(false, true)) {
          meanwhile.run();
        }
        return outcomes.cancel(id, reason);
      }
    };
  }

  private AgentId nextId() {
    return new AgentId(String.format("ag_%03d", ids.incrementAndGet()));
  }

  private AgentDispatch dispatch() {
    RetryPolicy retries =
        new RetryPolicy(
            3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1), () -> 0);
    return new AgentDispatch(
        store,
        controller,
        clock,
        retries,
        LifecycleListener.NONE,
        new DispatchSettings(0, "test", Duration.ofMinutes(1)));
  }
}
