package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.webhookagents.application.AgentDispatch;
import io.webhookagents.application.DispatchSettings;
import io.webhookagents.application.RetryPolicy;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.AgentStore;
import io.webhookagents.ports.out.LifecycleListener;
import io.webhookagents.ports.out.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** When the loop takes back a previous run's leases: on its own thread, before its first claim. */
class DispatchLoopTest {
  private static final Duration POLL = Duration.ofMillis(50);

  private final AgentStore store = mock(AgentStore.class);
  private final DispatchLoop loop = new DispatchLoop(dispatch(store), 2, POLL);

  @AfterEach
  void stop() throws InterruptedException {
    loop.stop(Duration.ofSeconds(5));
  }

  @Test
  void start_returnsWithoutWaitingForTheLeases_andNothingIsClaimedBeforeThem() throws Exception {
    CountDownLatch releasing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(store.releaseAllLeases())
        .thenAnswer(
            call -> {
              releasing.countDown();
              release.await(10, TimeUnit.SECONDS);
              return 3;
            });
    when(store.claimForDispatch(anyInt(), anyString(), any(Instant.class), any(Instant.class)))
        .thenReturn(List.of());

    CompletableFuture<Void> starting = CompletableFuture.runAsync(loop::start);

    assertThat(releasing.await(10, TimeUnit.SECONDS)).as("the leases are being taken").isTrue();
    // The leases are still held here: a start that waited for them would never return.
    starting.get(10, TimeUnit.SECONDS);
    assertThat(loop.isRunning()).isTrue();
    verify(store, never()).claimForDispatch(anyInt(), anyString(), any(), any());
    release.countDown();
    InOrder order = inOrder(store);
    order.verify(store, timeout(10_000)).releaseAllLeases();
    order.verify(store, timeout(10_000)).claimForDispatch(anyInt(), anyString(), any(), any());
  }

  @Test
  void leasesThatCannotBeTakenBackYet_areTriedAgain_beforeAnythingIsClaimed() {
    when(store.releaseAllLeases())
        .thenThrow(new StoreException("release all leases", new SQLException("database locked")))
        .thenReturn(2);
    when(store.claimForDispatch(anyInt(), anyString(), any(Instant.class), any(Instant.class)))
        .thenReturn(List.of());

    loop.start();

    InOrder order = inOrder(store);
    order.verify(store, timeout(10_000).times(2)).releaseAllLeases();
    order.verify(store, timeout(10_000)).claimForDispatch(anyInt(), anyString(), any(), any());
    assertThat(loop.isRunning()).isTrue();
  }

  private static AgentDispatch dispatch(AgentStore store) {
    RetryPolicy retries =
        new RetryPolicy(
            3, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofHours(1), () -> 0);
    DispatchSettings settings = new DispatchSettings(0, "test-process", Duration.ofMinutes(1));
    return new AgentDispatch(
        store,
        mock(AgentController.class),
        Instant::now,
        retries,
        LifecycleListener.NONE,
        settings);
  }
}
