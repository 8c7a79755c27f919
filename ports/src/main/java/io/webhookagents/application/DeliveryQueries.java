package io.webhookagents.application;

import io.webhookagents.ports.in.DeliveryPage;
import io.webhookagents.ports.in.DeliveryQuery;
import io.webhookagents.ports.in.QueryDeliveries;
import io.webhookagents.ports.in.StoredDelivery;
import io.webhookagents.ports.out.AgentStore;
import java.util.List;
import java.util.Objects;

/** Reads the delivery audit from the store, a page at a time. */
public final class DeliveryQueries implements QueryDeliveries {
  private final AgentStore store;

  public DeliveryQueries(AgentStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public DeliveryPage list(DeliveryQuery query) {
    List<StoredDelivery> rows = store.listDeliveries(query.withLimit(query.limit() + 1));
    if (rows.size() <= query.limit()) {
      return new DeliveryPage(rows, null);
    }
    List<StoredDelivery> page = rows.subList(0, query.limit());
    return new DeliveryPage(page, page.get(page.size() - 1).id());
  }
}
