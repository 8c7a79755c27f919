package io.webhookagents.adapters.http;

import io.webhookagents.ports.in.DeliveryPage;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.QueryDeliveries;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers with the page the test puts in, and records every query. */
final class FakeQueryDeliveries implements QueryDeliveries {
  final List<DeliveryQuery> queries = new CopyOnWriteArrayList<>();
  volatile DeliveryPage page = new DeliveryPage(List.of(), null);

  @Override
  public DeliveryPage list(DeliveryQuery query) {
    queries.add(query);
    return page;
  }
}
