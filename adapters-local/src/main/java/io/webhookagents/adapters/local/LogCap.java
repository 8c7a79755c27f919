package io.webhookagents.adapters.local;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keeps an agent's log under a size by dropping the middle of it: the first lines (what the agent
 * set out to do) and the latest ones (what it did last, and why it failed) stay, with a line
 * between them saying how much has been dropped in all.
 *
 * <p>The task's processes may go on appending while a trim runs: they write with {@code O_APPEND},
 * so a write lands at the end of the file as it is at that moment. After moving the latest part
 * down, the trim moves whatever was appended meanwhile too, until the end stops moving (or a few
 * rounds have passed), and only then cuts the file. What is appended in the instant between the
 * last look at the size and the cut is lost. A crash in the middle of a trim leaves some text
 * twice, until the next trim. A log is only trimmed when asked, so between two trims an agent that
 * writes fast can take it well past the bound.
 *
 * <p>The log lives in the agent's workspace, which the agent may change: a log that is no longer a
 * plain file of its own ({@link PlainFiles#isLogPresent}) is not touched.
 */
final class LogCap {
  /** Keep at most this much of the log's start. */
  static final int MAX_HEAD_BYTES = 1024 * 1024;

  static final String MARKER_START = "\n[orchestrator: about ";

  // How far to look for a line's end around a cut, so that neither part starts or ends mid-line.
  private static final int LINE_SEARCH_BYTES = 64 * 1024;
  private static final int COPY_BYTES = 256 * 1024;
  private static final int CATCH_UP_ROUNDS = 8;
  private static final Pattern MARKER =
      Pattern.compile(Pattern.quote(MARKER_START) + "(\\d{1,19}) bytes[^\\n]*\\]\\n\\n");

  private LogCap() {}

  /** A line about dropped output, found in a log: where it is and the count it gives. */
  private record Marker(long start, long end, long dropped) {}

  /**
   * Trims {@code log} when it is larger than {@code maxBytes}: keeps its first part (at most
   * {@value #MAX_HEAD_BYTES} bytes, a quarter of the bound at most) and its last half-bound, with a
   * line about the rest between them. A line left by an earlier trim is replaced by one that counts
   * both.
   *
   * @return the bytes dropped by this trim; zero when the log is within the bound or missing
   * @throws IOException when the log cannot be read or written, or fails {@link
   *     PlainFiles#isLogPresent}
   */
  static long trim(Path log, long maxBytes) throws IOException {
    return trim(log, maxBytes, () -> {});
  }

  /** As {@link #trim(Path, long)}, running {@code afterCopy} once the latest part is moved down. */
  static long trim(Path log, long maxBytes, Runnable afterCopy) throws IOException {
    if (!PlainFiles.isLogPresent(log)) {
      return 0;
    }
    try (FileChannel channel =
        FileChannel.open(
            log, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      if (size <= maxBytes) {
        return 0;
      }
      return trim(channel, size, maxBytes, afterCopy);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private static long trim(FileChannel channel, long size, long maxBytes, Runnable afterCopy)
      throws IOException {
    long headLimit = Math.min(MAX_HEAD_BYTES, maxBytes / 4);
    Marker earlier = earlierMarker(channel, headLimit);
    long headEnd = earlier != null ? earlier.start() : afterLastNewline(channel, headLimit);
    long droppedFrom = earlier != null ? earlier.end() : headEnd;
    long tailStart = afterFirstNewline(channel, size - maxBytes / 2, size);
    long dropped = tailStart - droppedFrom;
    long earlierDropped = earlier != null ? earlier.dropped() : 0;
    long total = earlierDropped > Long.MAX_VALUE - dropped ? dropped : dropped + earlierDropped;

    byte[] marker = marker(total, maxBytes);
    channel.write(ByteBuffer.wrap(marker), headEnd);
    long end = headEnd + marker.length + copy(channel, tailStart, size, headEnd + marker.length);
    afterCopy.run();
    long copiedTo = size;
    for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
      long now = channel.size();
      if (now <= copiedTo) {
        break;
      }
      end += copy(channel, copiedTo, now, end);
      copiedTo = now;
    }
    channel.truncate(end);
    return dropped;
  }

  private static byte[] marker(long dropped, long maxBytes) {
    return (MARKER_START
            + dropped
            + " bytes of this agent's output were dropped here, to keep its log under "
            + maxBytes
            + " bytes]\n\n")
        .getBytes(UTF_8);
  }

  /** The line an earlier trim wrote at the end of the head, if it starts before {@code limit}. */
  private static @Nullable Marker earlierMarker(FileChannel channel, long limit)
      throws IOException {
    long from = Math.max(0, limit - LINE_SEARCH_BYTES);
    ByteBuffer bytes = read(channel, from, limit + 512);
    // One character a byte, so that offsets in the text are offsets in the file; the line is ASCII.
    String window = new String(bytes.array(), 0, bytes.limit(), ISO_8859_1);
    Matcher found = MARKER.matcher(window);
    Marker last = null;
    while (found.find() && from + found.start() < limit) {
      // The agent may have written a line like it: a count past a long's range counts as none.
      long count = parsedOrZero(found.group(1));
      last = new Marker(from + found.start(), from + found.end(), count);
    }
    return last;
  }

  private static long parsedOrZero(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooLarge) {
      return 0;
    }
  }

  /**
   * Copies {@code [from, to)} down to {@code at}, which is below {@code from}; the bytes copied.
   */
  private static long copy(FileChannel channel, long from, long to, long at) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(COPY_BYTES);
    long read = from;
    long written = at;
    while (read < to) {
      buffer.clear().limit((int) Math.min(COPY_BYTES, to - read));
      int n = channel.read(buffer, read);
      if (n < 0) {
        break;
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        written += channel.write(buffer, written);
      }
      read += n;
    }
    return written - at;
  }

  /** Just past the last newline before {@code limit}; {@code limit} itself when there is none. */
  private static long afterLastNewline(FileChannel channel, long limit) throws IOException {
    long start = Math.max(0, limit - LINE_SEARCH_BYTES);
    ByteBuffer bytes = read(channel, start, limit);
    for (int i = bytes.limit() - 1; i >= 0; i--) {
      if (bytes.get(i) == '\n') {
        return start + i + 1;
      }
    }
    return limit;
  }

  /** Just past the first newline at or after {@code from}; {@code from} when there is none near. */
  private static long afterFirstNewline(FileChannel channel, long from, long size)
      throws IOException {
    ByteBuffer bytes = read(channel, from, Math.min(size, from + LINE_SEARCH_BYTES));
    for (int i = 0; i < bytes.limit(); i++) {
      if (bytes.get(i) == '\n') {
        return from + i + 1;
      }
    }
    return from;
  }

  private static ByteBuffer read(FileChannel channel, long from, long to) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) (to - from));
    while (bytes.hasRemaining() && channel.read(bytes, from + bytes.position()) >= 0) {
      // Fill the buffer; a log that shrank meanwhile ends the loop at end of file.
    }
    return bytes.flip();
  }
}
