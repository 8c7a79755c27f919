package io.webhookagents.adapters.sqlite;

import static io.webhookagents.adapters.sqlite.Fixtures.T0;
import static io.webhookagents.adapters.sqlite.Fixtures.applied;
import static io.webhookagents.adapters.sqlite.Fixtures.madeRunning;
import static io.webhookagents.adapters.sqlite.Fixtures.pendingOn;
import static io.webhookagents.adapters.sqlite.Fixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.Source;
import io.webhookagents.ports.out.AgentStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectQueriesTest {
  private static final String REPO = "octo-org/demo";
  private static final String ISSUE = "octo-org/demo#7";

  @TempDir Path directory;
  private SqliteDatabase database;
  private AgentStore store;

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
  void unfinishedOn_returnsAgentsThatHaveNotEnded_oldestFirst() {
    Agent running = madeRunning(store, onIssue(3));
    Agent sessionCreated = applied(store, onIssue(2).sessionCreated("s2", T0));
    Agent pending = onIssue(1);
    applied(store, onIssue(4).cancelled("by operator", T0));
    applied(store, onIssue(5).failed("HTTP 400", T0));
    applied(store, madeRunning(store, onIssue(6)).completed("done", T0));

    List<Agent> unfinished = store.unfinishedOn(Source.GITHUB, ISSUE);

    assertThat(unfinished).containsExactly(pending, sessionCreated, running);
  }

  @Test
  void unfinishedOn_leavesOtherSubjectsAndSourcesOut() {
    Agent onIssue = onIssue(1);
    record(store, pendingOn(2, Source.GITHUB, REPO, "octo-org/demo#8"));
    record(store, pendingOn(3, Source.LINEAR, REPO, ISSUE));

    List<Agent> unfinished = store.unfinishedOn(Source.GITHUB, ISSUE);

    assertThat(unfinished).containsExactly(onIssue);
  }

  @Test
  void newestRepoOn_isTheNewestAgentsRepository_endedOrNot_onThatSubjectAndSourceOnly() {
    record(store, pendingOn(1, Source.SLACK, "acme/api", "slack:C1/100.1"));
    Agent third = record(store, pendingOn(3, Source.SLACK, "acme/web", "slack:C1/100.1"));
    applied(store, third.failed("HTTP 400", T0));
    record(store, pendingOn(2, Source.SLACK, "acme/docs", "slack:C1/100.1"));
    record(store, pendingOn(4, Source.SLACK, "acme/other", "slack:C1/200.2"));
    record(store, pendingOn(5, Source.GITHUB, "acme/github", "slack:C1/100.1"));

    assertThat(store.newestRepoOn(Source.SLACK, "slack:C1/100.1")).hasValue("acme/web");
    assertThat(store.newestRepoOn(Source.SLACK, "slack:C1/300.3")).isEmpty();
  }

  @Test
  void countCreatedSince_countsAgentsCreatedAtOrAfterTheTime_whateverTheirStatus() {
    threeOnTheIssueFromSecondThree();

    int created = store.countCreatedSince(Source.GITHUB, ISSUE, T0.plusSeconds(3));

    assertThat(created).isEqualTo(3);
  }

  @Test
  void createdAtLeast_isTrueFromTheMaxThAgentSinceTheTime_onThatSubjectOnly() throws Exception {
    threeOnTheIssueFromSecondThree();
    Instant since = T0.plusSeconds(3);

    try (Connection connection = connection()) {
      assertThat(SubjectRows.createdAtLeast(connection, Source.GITHUB, ISSUE, since, 1)).isTrue();
      assertThat(SubjectRows.createdAtLeast(connection, Source.GITHUB, ISSUE, since, 3)).isTrue();
      assertThat(SubjectRows.createdAtLeast(connection, Source.GITHUB, ISSUE, since, 4)).isFalse();
      assertThat(SubjectRows.createdAtLeast(connection, Source.LINEAR, ISSUE, since, 2)).isFalse();
      assertThat(SubjectRows.createdAtLeast(connection, Source.GITHUB, "octo-org/demo#9", T0, 1))
          .isFalse();
    }
  }

  @Test
  void countCreatedSince_withNoAgentOnTheSubject_isZero() {
    onIssue(1);

    assertThat(store.countCreatedSince(Source.GITHUB, "octo-org/demo#8", T0)).isZero();
  }

  @Test
  void subjectQueries_searchTheSubjectIndex_ratherThanScanningTheSource() throws Exception {
    List<String> unfinishedPlan = plan(SubjectRows.UNFINISHED);
    List<String> runningPlan = plan(SubjectRows.NEWEST_RUNNING_WITH_SESSION);
    List<String> countPlan = plan(SubjectRows.COUNT_CREATED_SINCE);
    List<String> capPlan = plan(SubjectRows.CREATED_SINCE_AT_LEAST);
    List<String> repoPlan = plan(SubjectRows.NEWEST_REPO);

    assertThat(unfinishedPlan).singleElement().asString().contains("INDEX agents_by_subject");
    assertThat(runningPlan)
        .singleElement()
        .asString()
        .contains("INDEX agents_by_subject (source=? AND subject=?)");
    assertThat(countPlan)
        .singleElement()
        .asString()
        .contains("COVERING INDEX agents_by_subject (source=? AND subject=? AND created_at>?)");
    assertThat(capPlan)
        .singleElement()
        .asString()
        .contains("COVERING INDEX agents_by_subject (source=? AND subject=? AND created_at>?)");
    assertThat(repoPlan)
        .singleElement()
        .asString()
        .contains("INDEX agents_by_subject (source=? AND subject=?)");
  }

  /**
   * Five agents on {@link #ISSUE} created 1 to 5 s after T0, the fourth cancelled, and two more on
   * another subject and from another source: three on the issue from T0 + 3 s on.
   */
  private void threeOnTheIssueFromSecondThree() {
    onIssue(1);
    onIssue(2);
    onIssue(3);
    applied(store, onIssue(4).cancelled("by operator", T0));
    onIssue(5);
    record(store, pendingOn(6, Source.GITHUB, REPO, "octo-org/demo#8"));
    record(store, pendingOn(7, Source.LINEAR, REPO, ISSUE));
  }

  /** Records a pending agent on {@link #ISSUE}, created {@code number} seconds after T0. */
  private Agent onIssue(int number) {
    return record(store, pendingOn(number, Source.GITHUB, REPO, ISSUE));
  }

  private Connection connection() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("agents.db"));
  }

  /** The steps of SQLite's plan for {@code sql}, temporary sorts left out. */
  private List<String> plan(String sql) throws Exception {
    List<String> steps = new ArrayList<>();
    try (Connection connection = connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
      while (rows.next()) {
        String step = rows.getString("detail");
        if (!step.startsWith("USE TEMP B-TREE")) {
          steps.add(step);
        }
      }
    }
    return steps;
  }
}
