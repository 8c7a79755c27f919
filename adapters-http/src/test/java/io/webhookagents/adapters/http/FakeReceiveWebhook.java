package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.in.ReceiveWebhook;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Records every event it receives and answers with a receipt the test chooses. Asked without
 * waiting, it answers from a thread of its own, as a store committing in the background would.
 */
final class FakeReceiveWebhook implements ReceiveWebhook {
  private static final Executor STORE_THREADS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "fake-store");
            thread.setDaemon(true);
            return thread;
          });

  final List<WebhookEvent> received = new CopyOnWriteArrayList<>();

  /** Each request counted as refused, as "source status". */
  final List<String> refused = new CopyOnWriteArrayList<>();

  /** The threads that called {@link #receiveAsync}. */
  final List<String> callers = new CopyOnWriteArrayList<>();

  volatile Receipt receipt = new Receipt.Ignored("fake: no rule starts an agent");
  volatile RuntimeException failure;

  /** When set, each call waits until it is counted down, as a slow store would make it. */
  volatile CountDownLatch hold;

  @Override
  public CompletableFuture<Receipt> receiveAsync(WebhookEvent event) {
    callers.add(Thread.currentThread().getName());
    return CompletableFuture.supplyAsync(() -> receive(event), STORE_THREADS);
  }

  @Override
  public void refused(Source source, int status) {
    refused.add(source.wireName() + " " + status);
  }

  @Override
  public Receipt receive(WebhookEvent event) {
    // The hold is read before the event is seen as received: a test that waits for the event,
    // then clears the hold for later calls, must not release this one too.
    CountDownLatch latch = hold;
    received.add(event);
    if (latch != null) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
    return receipt;
  }

  WebhookEvent onlyEvent() {
    assertThat(received).hasSize(1);
    return received.get(0);
  }
}
