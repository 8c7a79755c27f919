package io.webhookagents.adapters.sqlite;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.domain.Source;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The agents on one subject (an issue, a thread) from one source: those that have not ended, oldest
 * first, the newest one running, the newest one's repository, and how many were created lately.
 * Each looks the subject up in the index agents_by_subject, so they stay cheap however many agents
 * the source has.
 */
final class SubjectRows {
  // Built from the enum so that a status added later is counted as unfinished unless it is final.
  private static final String UNFINISHED_STATUSES =
      Arrays.stream(AgentStatus.values())
          .filter(status -> !status.isFinal())
          .map(status -> "'" + status.wireName() + "'")
          .collect(Collectors.joining(", "));
  // Left to itself, the planner reads every agent of the source through agents_by_source to
  // save sorting the few on the subject.
  static final String UNFINISHED =
      "SELECT "
          + AgentRows.COLUMNS
          + " FROM agents INDEXED BY agents_by_subject"
          + " WHERE source = ? AND subject = ? AND status IN ("
          + UNFINISHED_STATUSES
          + ") ORDER BY created_at, id";
  static final String NEWEST_RUNNING_WITH_SESSION =
      "SELECT "
          + AgentRows.COLUMNS
          + " FROM agents INDEXED BY agents_by_subject"
          + " WHERE source = ? AND subject = ? AND status = '"
          + AgentStatus.RUNNING.wireName()
          + "' AND session_id IS NOT NULL AND repo = ? COLLATE NOCASE"
          + " ORDER BY created_at DESC, id DESC LIMIT 1";
  static final String NEWEST_REPO =
      "SELECT repo FROM agents INDEXED BY agents_by_subject"
          + " WHERE source = ? AND subject = ? ORDER BY created_at DESC, id DESC LIMIT 1";
  static final String COUNT_CREATED_SINCE =
      "SELECT count(*) FROM agents WHERE source = ? AND subject = ? AND created_at >= ?";

  // Whether a max-th agent exists: the search skips max - 1 index entries and reads one, so a
  // subject far over the cap costs no more than one at it. Counting the same entries through a
  // LIMIT-ed subquery took three times as long inside SQLite (8 against 2.6 µs for a cap of 5),
  // and the writer runs this for every delivery on a subject with a cap.
  static final String CREATED_SINCE_AT_LEAST =
      "SELECT 1 FROM agents INDEXED BY agents_by_subject"
          + " WHERE source = ? AND subject = ? AND created_at >= ? LIMIT 1 OFFSET ?";

  private SubjectRows() {}

  /** Whether the subject had at least {@code max} agents created since {@code since}. */
  static boolean createdAtLeast(
      Connection connection, Source source, String subject, Instant since, int max)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(CREATED_SINCE_AT_LEAST)) {
      query.setString(1, source.wireName());
      query.setString(2, subject);
      Columns.setTime(query, 3, since);
      query.setInt(4, max - 1);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  static List<Agent> unfinished(Connection connection, Source source, String subject)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(UNFINISHED)) {
      query.setString(1, source.wireName());
      query.setString(2, subject);
      return AgentRows.readAll(query);
    }
  }

  /**
   * The newest agent on the subject, in {@code repo} (any case), that is running with a session,
   * which a comment follows up.
   */
  static Optional<Agent> newestRunningWithSession(
      Connection connection, Source source, String subject, String repo) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(NEWEST_RUNNING_WITH_SESSION)) {
      query.setString(1, source.wireName());
      query.setString(2, subject);
      query.setString(3, repo);
      return AgentRows.readAll(query).stream().findFirst();
    }
  }

  /** The repository of the newest agent on the subject, whatever its status. */
  static Optional<String> newestRepo(Connection connection, Source source, String subject)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(NEWEST_REPO)) {
      query.setString(1, source.wireName());
      query.setString(2, subject);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  static int countCreatedSince(Connection connection, Source source, String subject, Instant since)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(COUNT_CREATED_SINCE)) {
      query.setString(1, source.wireName());
      query.setString(2, subject);
      Columns.setTime(query, 3, since);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
