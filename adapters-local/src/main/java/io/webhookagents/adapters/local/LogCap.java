package io.webhookagents.adapters.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps an agent's log under a size by dropping the middle of it: the first lines (what the agent
 * set out to do) and the latest ones (what it did last, and why it failed) stay, with a line
 * between them saying how much was dropped.
 *
 * <p>The task's processes go on appending while this runs: they write with {@code O_APPEND}, so a
 * write lands at the end of the file as it is at that moment. Whatever they append between the
 * moment the size is read and the truncation is dropped with the middle, which is why the count is
 * "about". A log is only ever trimmed when it is asked to be, so between two trims an agent that
 * writes fast can take it well past the bound.
 */
final class LogCap {
  /** Keep at most this much of the log's start. */
  static final int MAX_HEAD_BYTES = 1024 * 1024;

  // How far to look for a line's end around a cut, so that neither part starts or ends mid-line.
  private static final int LINE_SEARCH_BYTES = 64 * 1024;
  private static final int COPY_BYTES = 256 * 1024;

  private LogCap() {}

  /**
   * Trims {@code log} when it is larger than {@code maxBytes}: keeps its first part (at most
   * {@value #MAX_HEAD_BYTES} bytes, a quarter of the bound at most) and its last half-bound, with a
   * line about the rest between them.
   *
   * @return the bytes dropped; zero when the log is within the bound or missing
   */
  static long trim(Path log, long maxBytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size <= maxBytes) {
        return 0;
      }

      long headEnd = afterLastNewline(channel, Math.min(MAX_HEAD_BYTES, maxBytes / 4));
      long tailStart = afterFirstNewline(channel, size - maxBytes / 2, size);
      long dropped = tailStart - headEnd;
      byte[] marker = marker(dropped, maxBytes);

      channel.write(ByteBuffer.wrap(marker), headEnd);
      long copied = copy(channel, tailStart, size, headEnd + marker.length);
      channel.truncate(headEnd + marker.length + copied);
      return dropped;
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private static byte[] marker(long dropped, long maxBytes) {
    return ("\n[orchestrator: about "
            + dropped
            + " bytes of this agent's output were dropped here, to keep its log under "
            + maxBytes
            + " bytes]\n\n")
        .getBytes(UTF_8);
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
