package io.webhookagents.adapters.http;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.Receipt;

/** The answer to an accepted delivery, as JSON for the sender and in words for the log. */
final class ReceiptJson {
  private ReceiptJson() {}

  static byte[] write(Receipt receipt) {
    if (receipt instanceof Receipt.Created created) {
      return Json.write(
          writer ->
              writer
                  .beginObject()
                  .name("agent_id")
                  .value(created.agentId().value())
                  .name("status")
                  .value("pending")
                  .endObject());
    }
    if (receipt instanceof Receipt.Duplicate duplicate) {
      AgentId agentId = duplicate.agentId();
      return Json.write(
          writer ->
              writer
                  .beginObject()
                  .name("status")
                  .value("duplicate")
                  .name("agent_id")
                  .value(agentId == null ? null : agentId.value())
                  .endObject());
    }
    Receipt.Ignored ignored = (Receipt.Ignored) receipt;
    return Json.write(
        writer ->
            writer
                .beginObject()
                .name("status")
                .value("ignored")
                .name("reason")
                .value(ignored.reason())
                .endObject());
  }

  static String describe(Receipt receipt) {
    if (receipt instanceof Receipt.Created created) {
      String session = created.followUpSession();
      return "created agent "
          + created.agentId()
          + (session == null ? "" : ", a follow-up on session " + session);
    }
    if (receipt instanceof Receipt.Duplicate duplicate) {
      AgentId agentId = duplicate.agentId();
      return agentId == null ? "duplicate" : "duplicate of agent " + agentId;
    }
    return "ignored: " + ((Receipt.Ignored) receipt).reason();
  }
}
