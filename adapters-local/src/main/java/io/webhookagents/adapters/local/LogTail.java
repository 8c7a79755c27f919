package io.webhookagents.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The last lines of an agent's log, short enough to serve as the reason a task failed. */
final class LogTail {
  // Enough for twenty long lines; an agent's log may be far larger than is worth reading.
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /**
   * The last {@code lines} lines of {@code log}, joined with newlines, stripped, and cut to their
   * last {@code maxChars} characters (marked with a leading ellipsis). Empty when the log is
   * missing or empty. Bytes that are not UTF-8 are replaced.
   *
   * @throws IOException when the log cannot be read or fails {@link PlainFiles#isLogPresent}
   */
  static String read(Path log, int lines, int maxChars) throws IOException {
    if (lines == 0) {
      return "";
    }

    if (!PlainFiles.isLogPresent(log)) {
      return "";
    }

    List<String> all;
    try (SeekableByteChannel channel = Files.newByteChannel(log, LinkOption.NOFOLLOW_LINKS)) {
      long start = Math.max(0, channel.size() - MAX_BYTES);
      ByteBuffer bytes = ByteBuffer.allocate((int) (channel.size() - start));
      channel.position(start);
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // Fill the buffer; a log that shrank meanwhile ends the loop at end of file.
      }
      all = new String(bytes.array(), 0, bytes.position(), UTF_8).lines().toList();
      if (start > 0 && all.size() > 1) {
        // Reading began inside a line; its start is missing. A line that fills all that was read
        // is kept all the same: its end is what the agent said last.
        all = all.subList(1, all.size());
      }
    } catch (NoSuchFileException e) {
      return "";
    }

    String tail = String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    return shortened(tail.strip(), maxChars);
  }

  private static String shortened(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int from = text.length() - (maxChars - 1);
    if (Character.isLowSurrogate(text.charAt(from))) {
      from++;
    }
    return "…" + text.substring(from);
  }
}
