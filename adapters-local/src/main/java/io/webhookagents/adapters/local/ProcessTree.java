package io.webhookagents.adapters.local;

import io.webhookagents.domain.AgentId;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a process together with everything it started.
 *
 * <p>The tree is what {@link ProcessHandle#descendants()} finds when the stop begins, and, where
 * the task leads a process group of its own, everything in that group: a process started after the
 * tree was listed, or one that left the tree, is signalled too. A process that left the group
 * ({@code setsid} in the command) and the tree is not found and keeps running.
 */
final class ProcessTree {
  private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

  private ProcessTree() {}

  /** A stop under way: asked, and waiting out its grace before the kill. */
  static final class Stopping {
    private final AgentId agent;
    private final ProcessHandle root;
    private final List<ProcessHandle> tree;
    private final CompletableFuture<Void> ended;

    private Stopping(AgentId agent, ProcessHandle root, List<ProcessHandle> tree, Duration grace) {
      this.agent = agent;
      this.root = root;
      this.tree = tree;
      CompletableFuture<?>[] exits =
          tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture<?>[]::new);
      this.ended =
          CompletableFuture.allOf(exits)
              .completeOnTimeout(null, grace.toMillis(), TimeUnit.MILLISECONDS)
              .thenRun(this::killNow);
    }

    /** Completes after the kill, or sooner when every process exited. */
    CompletableFuture<Void> ended() {
      return ended;
    }

    /** Kills what is still alive now, without waiting out the rest of the grace. */
    void killNow() {
      killRemaining(agent, root, tree);
    }
  }

  /**
   * Asks {@code root} and its descendants to stop (SIGTERM on Unix), and kills (SIGKILL) those
   * still alive once {@code grace} has passed. Returns at once.
   */
  static Stopping stop(AgentId agent, ProcessHandle root, Duration grace) {
    List<ProcessHandle> tree =
        Stream.concat(Stream.of(root), root.descendants()).collect(Collectors.toList());
    signalGroup(agent, root, "TERM");
    tree.forEach(ProcessHandle::destroy);
    return new Stopping(agent, root, tree, grace);
  }

  /**
   * Sends {@code signal} to the process group {@code root} leads, if it leads one (see {@link
   * AgentLauncher}): it reaches a process the command forked after the tree was listed, which the
   * death of its parent hands to init, out of the tree. A root that leads no group has no group of
   * its pid, since the system never gives a group's id to another process, so then nothing is sent.
   */
  private static void signalGroup(AgentId agent, ProcessHandle root, String signal) {
    // Not waited for: this runs on threads the JDK shares (the one that ends every grace), and
    // kill returns at once.
    try {
      new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " -" + root.pid() + " 2>/dev/null")
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      log.warn("agent {}: could not signal the process group of pid {}", agent, root.pid(), e);
    }
  }

  private static void killRemaining(AgentId agent, ProcessHandle root, List<ProcessHandle> tree) {
    signalGroup(agent, root, "KILL");
    Set<ProcessHandle> remaining = new LinkedHashSet<>(tree);
    root.descendants().forEach(remaining::add);
    remaining.removeIf(process -> !process.isAlive());
    if (remaining.isEmpty()) {
      return;
    }

    log.warn(
        "agent {}: {} of its processes outlived the stop request and are killed: pids {}",
        agent,
        remaining.size(),
        remaining.stream().map(ProcessHandle::pid).collect(Collectors.toList()));
    remaining.forEach(ProcessHandle::destroyForcibly);
  }
}
