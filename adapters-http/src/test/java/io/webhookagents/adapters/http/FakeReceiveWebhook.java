package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.event.WebhookEvent;
import io.webhookagents.ports.in.Receipt;
import io.webhookagents.ports.in.ReceiveWebhook;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Records every event it receives and answers with a receipt the test chooses. */
final class FakeReceiveWebhook implements ReceiveWebhook {
  final List<WebhookEvent> received = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  volatile Receipt receipt = new Receipt.Ignored("fake: no rule starts an agent");
  volatile RuntimeException failure;

  /** When set, each call waits until it is counted down, as a slow store would make it. */
  volatile CountDownLatch hold;

  @Override
  public Receipt receive(WebhookEvent event) {
    received.add(event);
    threads.add(Thread.currentThread().getName());
    CountDownLatch latch = hold;
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
