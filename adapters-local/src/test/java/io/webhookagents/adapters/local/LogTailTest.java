package io.webhookagents.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  @TempDir Path dir;

  @Test
  void tail_isTheLastLines_joinedAndStripped() throws Exception {
    Path log = Files.writeString(dir.resolve("agent.log"), "one\ntwo\r\nthree\nfour  \n\n", UTF_8);

    String tail = LogTail.read(log, 3, 2000);

    assertThat(tail).isEqualTo("three\nfour");
  }

  @Test
  void longTail_keepsItsEnd_behindAnEllipsis() throws Exception {
    Path log = Files.writeString(dir.resolve("agent.log"), "a".repeat(50) + "END\n", UTF_8);

    String tail = LogTail.read(log, 20, 10);

    assertThat(tail).hasSize(10).isEqualTo("…" + "a".repeat(6) + "END");
  }

  @Test
  void hugeLog_isReadFromItsEnd() throws Exception {
    String lines =
        IntStream.rangeClosed(1, 100_000)
            .mapToObj(Integer::toString)
            .collect(Collectors.joining("\n"));
    Path log = Files.writeString(dir.resolve("agent.log"), lines, UTF_8);

    String tail = LogTail.read(log, 2, 2000);

    assertThat(tail).isEqualTo("99999\n100000");
  }

  @Test
  void aLastLineLongerThanWhatIsRead_givesItsEnd_notNothing() throws Exception {
    String endless = "x".repeat(8 * 1024 * 1024) + "y".repeat(100) + " gave up";
    Path log = Files.writeString(dir.resolve("agent.log"), endless, UTF_8);

    String tail = LogTail.read(log, 20, 50);

    assertThat(tail).isEqualTo("…" + "y".repeat(41) + " gave up");
  }

  @Test
  void missingLog_orNoLinesWanted_giveNothing() throws Exception {
    Path log = Files.writeString(dir.resolve("agent.log"), "boom\n", UTF_8);

    assertThat(LogTail.read(dir.resolve("absent.log"), 20, 2000)).isEmpty();
    assertThat(LogTail.read(log, 0, 2000)).isEmpty();
  }
}
