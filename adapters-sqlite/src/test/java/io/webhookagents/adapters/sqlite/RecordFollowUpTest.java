package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.applied;
import static io.webhookagents.adapters.sqlite.Fixtures.createdDelivery;
import static io.webhookagents.adapters.sqlite.Fixtures.firstEvent;
import static io.webhookagents.adapters.sqlite.Fixtures.madeRunning;
import static io.webhookagents.adapters.sqlite.Fixtures.pendingOn;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.DeliveryRecord;
import io.webhookagents.ports.out.RecordOutcome;
import io.webhookagents.ports.out.Recording;
import io.webhookagents.ports.out.SubjectCap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFollowUpTest {
  private static final String REPO = "octo-org/demo";
  private static final String ISSUE = "octo-org/demo#7";
  private static final SubjectCap NO_CAP = new SubjectCap(100, T0, "cap of 100 reached");

  @TempDir Path directory;
  private SqliteDatabase database;
  private AgentStore store;
  private final List<Optional<Agent>> given = new ArrayList<>();

  @BeforeEach
  void open() {
    database = TestDatabases.openIn(directory);
    store = database.agentStore();
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void theRecordingIsGivenTheNewestAgentRunningWithASession_andIsRecorded() throws Exception {
    madeRunning(store, onIssue(1));
    Agent newestRunning = madeRunning(store, onIssue(2));
    applied(store, onIssue(3).sessionCreated("session-3", T0));
    onIssue(4);
    applied(store, madeRunning(store, onIssue(5)).completed("done", T0));
    madeRunning(store, record(store, pendingOn(6, Source.GITHUB, REPO, "octo-org/demo#8")));
    madeRunning(store, record(store, pendingOn(7, Source.LINEAR, REPO, ISSUE)));
    Agent comment = pendingOn(8, Source.GITHUB, REPO, ISSUE);

    Recording.Made made = followUp(comment, NO_CAP);

    assertThat(given).containsExactly(Optional.of(newestRunning));
    assertThat(made.outcome()).isEqualTo(new RecordOutcome.Recorded());
    Agent stored = store.find(comment.id()).orElseThrow();
    assertThat(stored.sessionId()).isEqualTo(newestRunning.sessionId());
    assertThat(recorded(comment).decision()).isEqualTo(DeliveryRecord.FOLLOW_UP);
  }

  @Test
  void onlyAnAgentInTheSameRepository_isFollowedUp_whateverTheCaseOfItsName() throws Exception {
    Agent running = madeRunning(store, onIssue(1));

    followUpIn("other-org/elsewhere", pendingOn(2, Source.GITHUB, REPO, ISSUE), "d-2", NO_CAP);
    followUpIn(
        REPO.toUpperCase(Locale.ROOT), pendingOn(3, Source.GITHUB, REPO, ISSUE), "d-3", NO_CAP);

    assertThat(given).containsExactly(Optional.empty(), Optional.of(running));
  }

  @Test
  void withNoAgentRunningWithASession_theRecordingIsGivenNothing() throws Exception {
    onIssue(1);
    applied(store, onIssue(2).sessionCreated("session-2", T0));
    applied(store, madeRunning(store, onIssue(3)).cancelled("by operator", T0));
    Agent comment = pendingOn(4, Source.GITHUB, REPO, ISSUE);

    Recording.Made made = followUp(comment, NO_CAP);

    assertThat(given).containsExactly(Optional.empty());
    assertThat(made.outcome()).isEqualTo(new RecordOutcome.Recorded());
    assertThat(store.find(comment.id()).orElseThrow().sessionId()).isNull();
    assertThat(recorded(comment).decision()).isEqualTo(DeliveryRecord.CREATED);
  }

  @Test
  void aRedelivery_isRecordedAsADuplicateOfTheFirst_andWritesNoAgent() throws Exception {
    Agent running = madeRunning(store, onIssue(1));
    Agent comment = pendingOn(2, Source.GITHUB, REPO, ISSUE);
    followUp(comment, NO_CAP);
    Agent again = pendingOn(3, Source.GITHUB, REPO, ISSUE);

    Recording.Made made = followUp(again, comment.deliveryId(), NO_CAP);

    assertThat(made.outcome()).isEqualTo(new RecordOutcome.AlreadySeen(comment.id()));
    assertThat(store.find(again.id())).isEmpty();
    assertThat(store.unfinishedOn(Source.GITHUB, ISSUE))
        .extracting(Agent::id)
        .containsExactly(running.id(), comment.id());
  }

  @Test
  void atTheCap_theDeliveryIsRecordedAsIgnored_withNoAgent() throws Exception {
    madeRunning(store, onIssue(1));
    onIssue(2);
    SubjectCap two = new SubjectCap(2, T0, "cap of 2 reached");
    Agent comment = pendingOn(3, Source.GITHUB, REPO, ISSUE);

    Recording.Made made = followUp(comment, two);

    assertThat(made.outcome()).isEqualTo(new RecordOutcome.CapReached());
    assertThat(store.find(comment.id())).isEmpty();
    DeliveryRecord ignored = recorded(comment);
    assertThat(ignored.decision()).isEqualTo(DeliveryRecord.IGNORED);
    assertThat(ignored.reason()).isEqualTo("cap of 2 reached");
  }

  @Test
  void theRunningAgentIsReadInsideTheWrite_soItCannotEndBeforeTheFollowUpIsRecorded()
      throws Exception {
    Agent running = madeRunning(store, onIssue(1));
    Agent comment = pendingOn(2, Source.GITHUB, REPO, ISSUE);
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Recording.Made> followUp =
          threads.submit(
              () ->
                  store
                      .recordFollowUpAsync(
                          Source.GITHUB,
                          ISSUE,
                          REPO,
                          comment.deliveryId(),
                          found -> {
                            read.countDown();
                            await(letGo);
                            return followUpOf(comment, comment.deliveryId(), found);
                          },
                          NO_CAP)
                      .get(10, TimeUnit.SECONDS));
      assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();

      // The agent ends while the comment's recording holds what it read: the end must wait.
      Future<Boolean> ended =
          threads.submit(() -> store.apply(running.cancelled("by operator", T0)));
      boolean endedMeanwhile = waitsOut(ended);
      letGo.countDown();

      assertThat(endedMeanwhile).isFalse();
      assertThat(followUp.get(10, TimeUnit.SECONDS).outcome())
          .isEqualTo(new RecordOutcome.Recorded());
      assertThat(ended.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(recorded(comment).decision()).isEqualTo(DeliveryRecord.FOLLOW_UP);
    } finally {
      letGo.countDown();
      threads.shutdownNow();
    }
  }

  /** False when {@code future} did not complete within half a second. */
  private static boolean waitsOut(Future<?> future) throws Exception {
    try {
      future.get(500, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillWaiting) {
      return false;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Recording.Made followUp(Agent comment, SubjectCap cap) throws Exception {
    return followUp(comment, comment.deliveryId(), cap);
  }

  /** Records {@code comment} from delivery {@code deliveryId} as intake builds a follow-up. */
  private Recording.Made followUp(Agent comment, String deliveryId, SubjectCap cap)
      throws Exception {
    return followUpIn(REPO, comment, deliveryId, cap);
  }

  private Recording.Made followUpIn(String repo, Agent comment, String deliveryId, SubjectCap cap)
      throws Exception {
    return store
        .recordFollowUpAsync(
            Source.GITHUB,
            ISSUE,
            repo,
            deliveryId,
            running -> {
              given.add(running);
              return followUpOf(comment, deliveryId, running);
            },
            cap)
        .get(10, TimeUnit.SECONDS);
  }

  /** The recording intake would build for {@code comment}, following up on {@code running}. */
  private static Recording followUpOf(Agent comment, String deliveryId, Optional<Agent> running) {
    Agent agent = running.map(r -> comment.withSessionToReuse(r.sessionId())).orElse(comment);
    String decision = running.isPresent() ? DeliveryRecord.FOLLOW_UP : DeliveryRecord.CREATED;
    DeliveryRecord delivery = createdDelivery(comment);
    return new Recording(
        new DeliveryRecord(
            delivery.source(),
            deliveryId,
            delivery.kind(),
            decision,
            null,
            agent.id(),
            delivery.receivedAt()),
        agent,
        firstEvent(agent));
  }

  private DeliveryRecord recorded(Agent comment) {
    return store.listDeliveries(new DeliveryQuery(null, null, 100, null)).stream()
        .map(stored -> stored.delivery())
        .filter(delivery -> delivery.deliveryId().equals(comment.deliveryId()))
        .findFirst()
        .orElseThrow();
  }

  /** Records a pending agent on {@link #ISSUE}, created {@code number} seconds after T0. */
  private Agent onIssue(int number) {
    return record(store, pendingOn(number, Source.GITHUB, REPO, ISSUE));
  }
}
