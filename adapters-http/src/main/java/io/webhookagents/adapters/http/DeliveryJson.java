package io.webhookagents.adapters.http;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.StoredDelivery;
import io.webhookagents.ports.out.DeliveryRecord;
import java.util.List;

/** Recorded deliveries as the API shows them: snake_case keys, every key present. */
final class DeliveryJson {
  private DeliveryJson() {}

  static byte[] list(List<StoredDelivery> deliveries) {
    return Json.write(
        writer -> {
          writer.beginArray();
          for (StoredDelivery stored : deliveries) {
            DeliveryRecord delivery = stored.delivery();
            AgentId agentId = delivery.agentId();
            writer.beginObject();
            writer.name("id").value(stored.id());
            writer.name("source").value(delivery.source().wireName());
            writer.name("delivery_id").value(delivery.deliveryId());
            writer.name("event").value(delivery.kind());
            writer.name("decision").value(delivery.decision());
            writer.name("reason").value(delivery.reason());
            writer.name("agent_id").value(agentId == null ? null : agentId.value());
            writer.name("received_at").value(AgentJson.time(delivery.receivedAt()));
            // A duplicate's own row counts nothing: its original has the count.
            boolean duplicate = DeliveryRecord.DUPLICATE.equals(delivery.decision());
            writer.name("redeliveries").value(duplicate ? null : stored.redeliveries());
            writer.endObject();
          }
          writer.endArray();
        });
  }
}
