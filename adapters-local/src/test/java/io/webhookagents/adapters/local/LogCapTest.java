package io.webhookagents.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCapTest {
  private static final long MAX = 1024 * 1024;

  @TempDir Path directory;

  @Test
  void aLogWithinTheBound_isLeftAsItIs() throws Exception {
    Path log = directory.resolve("agent.log");
    String text = numberedLines(1, 1000);
    Files.writeString(log, text);

    long dropped = LogCap.trim(log, MAX);

    assertThat(dropped).isZero();
    assertThat(Files.readString(log)).isEqualTo(text);
  }

  @Test
  void aMissingLog_dropsNothing() throws Exception {
    assertThat(LogCap.trim(directory.resolve("none.log"), MAX)).isZero();
    assertThat(directory.resolve("none.log")).doesNotExist();
  }

  @Test
  void aLogPastTheBound_keepsItsFirstLinesAndItsLastHalfBound_wholeLines_andSaysWhatWentBetween()
      throws Exception {
    Path log = directory.resolve("agent.log");
    // 30,000 lines of 40 bytes: 1.2 MB, past the 1 MiB bound.
    Files.writeString(log, numberedLines(1, 30_000));
    long before = Files.size(log);

    long dropped = LogCap.trim(log, MAX);

    List<String> lines = Files.readAllLines(log);
    int marker = markerIndex(lines);
    List<String> head = lines.subList(0, marker - 1);
    List<String> tail = lines.subList(marker + 2, lines.size());
    assertThat(Files.size(log)).isLessThanOrEqualTo(MAX);
    assertThat(head).startsWith(line(1)).endsWith(line(head.size()));
    assertThat(head.size() * 40L).isLessThanOrEqualTo(MAX / 4).isGreaterThan(MAX / 4 - 40);
    assertThat(tail).endsWith(line(30_000)).startsWith(line(30_001 - tail.size()));
    assertThat(tail.size() * 40L).isLessThanOrEqualTo(MAX / 2).isGreaterThan(MAX / 2 - 40);
    assertThat(dropped).isEqualTo(before - (head.size() + tail.size()) * 40L);
    assertThat(lines.get(marker))
        .isEqualTo(
            "[orchestrator: about "
                + dropped
                + " bytes of this agent's output were dropped here, to keep its log under "
                + MAX
                + " bytes]");
  }

  @Test
  void outputAppendedAfterATrim_followsTheKeptEnd() throws Exception {
    Path log = directory.resolve("agent.log");
    try (OutputStream agent =
        Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      agent.write(numberedLines(1, 30_000).getBytes(UTF_8));
      agent.flush();

      LogCap.trim(log, MAX);
      agent.write(line(30_001).concat("\n").getBytes(UTF_8));
    }

    List<String> lines = Files.readAllLines(log);
    assertThat(lines).endsWith(line(30_000), line(30_001));
    assertThat(Files.size(log)).isLessThan(MAX);
  }

  @Test
  void aLogOfOneEndlessLine_isCutWhereTheBoundsFall() throws Exception {
    Path log = directory.resolve("agent.log");
    Files.write(log, "x".repeat(3 * (int) MAX).getBytes(UTF_8));

    long dropped = LogCap.trim(log, MAX);

    assertThat(dropped).isEqualTo(3 * MAX - MAX / 4 - MAX / 2);
    assertThat(Files.size(log)).isLessThanOrEqualTo(MAX);
    assertThat(Files.readString(log)).startsWith("x".repeat((int) MAX / 4) + "\n[orchestrator");
  }

  @Test
  void outputAppendedDuringATrim_isKeptAfterTheLatestPart() throws Exception {
    Path log = directory.resolve("agent.log");
    try (OutputStream agent =
        Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      agent.write(numberedLines(1, 30_000).getBytes(UTF_8));
      agent.flush();

      LogCap.trim(log, MAX, () -> appendLine(agent, line(30_001)));
    }

    List<String> lines = Files.readAllLines(log);
    assertThat(lines).endsWith(line(29_999), line(30_000), line(30_001));
  }

  @Test
  void aSecondTrim_replacesTheFirstsLine_withOneCountingBoth() throws Exception {
    Path log = directory.resolve("agent.log");
    Files.writeString(log, numberedLines(1, 30_000));
    long first = LogCap.trim(log, MAX);
    Files.writeString(log, numberedLines(30_001, 60_000), StandardOpenOption.APPEND);

    long second = LogCap.trim(log, MAX);

    List<String> lines = Files.readAllLines(log);
    assertThat(lines.stream().filter(l -> l.startsWith("[orchestrator: ")).toList())
        .containsExactly(
            "[orchestrator: about "
                + (first + second)
                + " bytes of this agent's output were dropped here, to keep its log under "
                + MAX
                + " bytes]");
    int marker = markerIndex(lines);
    assertThat(lines.get(marker - 2)).isEqualTo(line(6553));
    assertThat(lines.get(marker - 1)).isEmpty();
    assertThat(lines.get(marker + 1)).isEmpty();
    assertThat(lines).endsWith(line(60_000));
    assertThat(Files.size(log)).isLessThanOrEqualTo(MAX);
  }

  @Test
  void aLogReplacedByALink_isRefused_andWhatItPointsAtLeftAlone() throws Exception {
    Path database = directory.resolve("agents.db");
    String content = numberedLines(1, 30_000);
    Files.writeString(database, content);
    Path log = Files.createSymbolicLink(directory.resolve("agent.log"), database);

    assertThatThrownBy(() -> LogCap.trim(log, MAX))
        .isInstanceOf(IOException.class)
        .hasMessage(log + " is not a plain file, so it is left alone");
    assertThat(Files.readString(database)).isEqualTo(content);
  }

  private static void appendLine(OutputStream agent, String line) {
    try {
      agent.write((line + "\n").getBytes(UTF_8));
      agent.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int markerIndex(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("[orchestrator: ")) {
        return i;
      }
    }
    throw new AssertionError("no line says what was dropped");
  }

  /** Lines {@code from} to {@code to}, each 40 bytes with its newline. */
  private static String numberedLines(int from, int to) {
    StringBuilder text = new StringBuilder();
    for (int i = from; i <= to; i++) {
      text.append(line(i)).append('\n');
    }
    return text.toString();
  }

  private static String line(int number) {
    String start = "line " + number + " ";
    return start + ".".repeat(39 - start.length());
  }
}
