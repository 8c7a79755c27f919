package io.webhookagents.app;

import io.webhookagents.application.AgentDispatch;
import io.webhookagents.application.DurationWords;
import io.webhookagents.domain.Agent;
import io.webhookagents.ports.out.DispatchSignal;
import io.webhookagents.ports.out.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs dispatch in the background: one thread claims due agents from the store and hands each to a
 * pool of {@code concurrency} workers, so no more controller calls than that are ever in flight.
 *
 * <p>The loop wakes when intake signals new work and otherwise polls the store, so work that was
 * committed but not signalled (after a restart, or once a retry is due) is still found.
 */
final class DispatchLoop implements DispatchSignal {
  private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
  private static final Duration STORE_TROUBLE_PAUSE = Duration.ofSeconds(1);

  private final AgentDispatch dispatch;
  private final int concurrency;
  private final Duration pollInterval;
  private final Semaphore slots;
  private final ExecutorService workers;
  private final Object wakeLock = new Object();
  private final Thread scheduler;
  private boolean wakeRequested;
  private volatile boolean running;

  DispatchLoop(AgentDispatch dispatch, int concurrency, Duration pollInterval) {
    this.dispatch = dispatch;
    this.concurrency = concurrency;
    this.pollInterval = pollInterval;
    this.slots = new Semaphore(concurrency);
    this.workers = Executors.newFixedThreadPool(concurrency, named("dispatch-worker-"));
    this.scheduler = named("dispatch-scheduler").newThread(this::run);
  }

  /**
   * Starts claiming on a thread of its own, which first resumes the work a previous process left
   * leased. The start does not wait for that: it is the first write after a start, some 20 ms of
   * it, and nothing but this loop's claims needs it done.
   */
  void start() {
    running = true;
    scheduler.start();
  }

  /** How many claimed agents workers are moving on right now. */
  int inFlight() {
    return concurrency - slots.availablePermits();
  }

  boolean isRunning() {
    return running && scheduler.isAlive();
  }

  @Override
  public void workAvailable() {
    synchronized (wakeLock) {
      wakeRequested = true;
      wakeLock.notifyAll();
    }
  }

  /**
   * Stops claiming, waits up to {@code grace} for calls in flight to finish, then gives up the
   * leases so that the next start resumes whatever is unfinished.
   */
  void stop(Duration grace) throws InterruptedException {
    running = false;
    workAvailable();
    scheduler.join(grace.toMillis());
    workers.shutdown();
    if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      log.warn(
          "Dispatch calls still in flight after {}; the next start makes them again, with the"
              + " same Idempotency-Key",
          DurationWords.of(grace));
      workers.shutdownNow();
    }
    try {
      int released = dispatch.releaseAllLeases();
      if (released > 0) {
        log.info(
            "Gave up the leases on {} agents still in hand; the next start resumes them", released);
      }
    } catch (StoreException e) {
      // Harmless: the next start releases every lease before it dispatches anything.
      log.warn("Could not give up the leases on agents still in hand: {}", e.getMessage());
    }
  }

  private void run() {
    resumeLeased();
    FailureStreak claims = new FailureStreak(log, "Claiming work to dispatch", STORE_TROUBLE_PAUSE);
    while (running) {
      try {
        int claimed = claimAndHandOut();
        claims.worked();
        if (claimed == 0 || slots.availablePermits() == 0) {
          awaitWork();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        claims.failed(e);
        pause();
      }
    }
  }

  /**
   * Takes back the leases a previous run left, trying again until it can or the loop stops: nothing
   * is claimed before, so no agent waits out a lease its own process no longer holds.
   */
  private void resumeLeased() {
    for (int attempt = 1; running; attempt++) {
      try {
        int released = dispatch.releaseAllLeases();
        if (released > 0) {
          log.info(
              "Resuming {} agents that a previous run had in hand; a controller call it had under"
                  + " way is made again, with the same Idempotency-Key",
              released);
        }
        if (attempt > 1) {
          log.info("Took back the leases a previous run left, at attempt {}", attempt);
        }
        return;
      } catch (StoreException e) {
        if (attempt == 1) {
          log.warn(
              "Could not take back the leases a previous run left; trying again every {}: {}",
              STORE_TROUBLE_PAUSE,
              e.getMessage());
        }
      }
      pause();
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }

  private int claimAndHandOut() throws InterruptedException {
    int free = slots.availablePermits();
    if (free == 0) {
      return 0;
    }
    List<Agent> claimed = dispatch.claimDue(free);
    for (Agent agent : claimed) {
      slots.acquire();
      workers.execute(() -> advance(agent));
    }
    return claimed.size();
  }

  private void advance(Agent agent) {
    try {
      dispatch.advance(agent);
    } catch (RuntimeException e) {
      log.error(
          "Dispatch of agent {} failed unexpectedly; it will be claimed again", agent.id(), e);
    } finally {
      slots.release();
      workAvailable();
    }
  }

  private void awaitWork() throws InterruptedException {
    synchronized (wakeLock) {
      if (!wakeRequested && running) {
        wakeLock.wait(pollInterval.toMillis());
      }
      wakeRequested = false;
    }
  }

  private void pause() {
    try {
      Thread.sleep(STORE_TROUBLE_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      String name = prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix;
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
