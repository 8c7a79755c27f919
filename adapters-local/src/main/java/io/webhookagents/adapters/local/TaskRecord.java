package io.webhookagents.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * What the runner keeps on disk about an agent's task, so that a runner started later still knows
 * the task: which one it was, which process ran it and, once known, how that process ended.
 *
 * <p>A record is written whole to a temporary file and moved into place, so a reader never sees
 * half of one, and concurrent writers of the same content cannot corrupt it.
 *
 * @param pid the process that runs the task; null for a dry run, and for a task whose process was
 *     about to start when the record was written
 * @param processStart when that process started, as the operating system tells it; it tells the
 *     process apart from a later one given the same pid. Null when the system does not say
 * @param exitCode the process's exit status, once a runner saw it end as its parent
 * @param exitUnknown true when the process ended where no runner could learn its exit status
 */
record TaskRecord(
    String taskId,
    String idempotencyKey,
    boolean dryRun,
    @Nullable Long pid,
    @Nullable Instant processStart,
    @Nullable Integer exitCode,
    boolean exitUnknown) {

  // Start times computed by two JVMs may differ by the boot time's rounding; a pid reused within
  // this window of the recorded start is not a risk worth a stricter check.
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  TaskRecord {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  static TaskRecord dryRun(String taskId, String idempotencyKey) {
    return new TaskRecord(taskId, idempotencyKey, true, null, null, null, false);
  }

  /** A task about to be started: recorded first, so that nothing runs unless it can be. */
  static TaskRecord starting(String taskId, String idempotencyKey) {
    return new TaskRecord(taskId, idempotencyKey, false, null, null, null, false);
  }

  static TaskRecord started(String taskId, String idempotencyKey, ProcessHandle process) {
    Instant start = process.info().startInstant().orElse(null);
    return new TaskRecord(taskId, idempotencyKey, false, process.pid(), start, null, false);
  }

  /** The task's process, known by its pid alone: it cannot be told apart from a later one. */
  TaskRecord withPid(long processId) {
    return new TaskRecord(taskId, idempotencyKey, dryRun, processId, null, exitCode, exitUnknown);
  }

  TaskRecord withExit(int code) {
    return new TaskRecord(taskId, idempotencyKey, dryRun, pid, processStart, code, false);
  }

  TaskRecord withUnknownExit() {
    return new TaskRecord(taskId, idempotencyKey, dryRun, pid, processStart, null, true);
  }

  /**
   * The recorded process, if it is still alive and is the same process: its start time must match
   * the recorded one, so that a pid the system has since given to another process is not taken for
   * the agent's. Without a recorded start time the process cannot be told apart, so it counts as
   * gone.
   */
  Optional<ProcessHandle> liveProcess() {
    if (pid == null || processStart == null) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::startedAsRecorded);
  }

  private boolean startedAsRecorded(ProcessHandle process) {
    Instant recorded = Objects.requireNonNull(processStart);
    return process
        .info()
        .startInstant()
        .map(start -> Duration.between(start, recorded).abs())
        .filter(difference -> difference.compareTo(START_TOLERANCE) <= 0)
        .isPresent();
  }

  /** The record in {@code file}, or empty when there is none. */
  static Optional<TaskRecord> read(Path file) throws IOException {
    if (!PlainFiles.isPresent(file)) {
      return Optional.empty();
    }

    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, UTF_8)) {
      properties.load(reader);
    }
    try {
      return Optional.of(fromProperties(properties));
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new IOException("unreadable task record " + file + ": " + e.getMessage(), e);
    }
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (Writer writer = Files.newBufferedWriter(temporary, UTF_8)) {
        toProperties().store(writer, "a task of the local runner");
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private Properties toProperties() {
    Properties properties = new Properties();
    properties.setProperty("taskId", taskId);
    properties.setProperty("idempotencyKey", idempotencyKey);
    properties.setProperty("dryRun", Boolean.toString(dryRun));
    if (pid != null) {
      properties.setProperty("pid", pid.toString());
    }
    if (processStart != null) {
      properties.setProperty("processStart", processStart.toString());
    }
    if (exitCode != null) {
      properties.setProperty("exitCode", exitCode.toString());
    }
    properties.setProperty("exitUnknown", Boolean.toString(exitUnknown));
    return properties;
  }

  private static TaskRecord fromProperties(Properties properties) {
    String pid = properties.getProperty("pid");
    String start = properties.getProperty("processStart");
    String exitCode = properties.getProperty("exitCode");
    return new TaskRecord(
        properties.getProperty("taskId"),
        properties.getProperty("idempotencyKey"),
        Boolean.parseBoolean(properties.getProperty("dryRun")),
        pid == null ? null : Long.valueOf(pid),
        start == null ? null : Instant.parse(start),
        exitCode == null ? null : Integer.valueOf(exitCode),
        Boolean.parseBoolean(properties.getProperty("exitUnknown")));
  }
}
