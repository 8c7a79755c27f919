package io.webhookagents.adapters.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run as a process of its own: prints whether the lock on the file named by its argument is free.
 */
public final class LockProbe {
  private LockProbe() {}

  public static void main(String[] args) throws IOException {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      System.out.println(lock == null ? "held" : "free");
    }
  }

  /** What a process other than this one finds: "held" or "free". */
  static String seenFromAnotherProcess(Path lockFile) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process probe =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockProbe.class.getName(),
                lockFile.toString())
            .redirectErrorStream(true)
            .start();
    String printed = new String(probe.getInputStream().readAllBytes()).strip();
    probe.waitFor();
    return printed;
  }
}
