package io.webhookagents.adapters.http;

import com.squareup.moshi.JsonWriter;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.StatusEvent;
import io.webhookagents.ports.in.AgentDetails;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Agents as the API shows them: snake_case keys, every key present with null for absent values,
 * times in ISO-8601 UTC with milliseconds.
 */
final class AgentJson {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AgentJson() {}

  static byte[] agent(Agent agent) {
    return Json.write(
        writer -> {
          writer.beginObject();
          fields(writer, agent);
          writer.endObject();
        });
  }

  static byte[] details(AgentDetails details) {
    return Json.write(
        writer -> {
          writer.beginObject();
          fields(writer, details.agent());
          writer.name("events").beginArray();
          for (StatusEvent event : details.events()) {
            event(writer, event);
          }
          writer.endArray().endObject();
        });
  }

  /** A page of agents, to be streamed: with prompts, a page of 500 can take megabytes. */
  static Json.Body list(List<Agent> agents) {
    return writer -> {
      writer.beginArray();
      for (Agent agent : agents) {
        writer.beginObject();
        fields(writer, agent);
        writer.endObject();
      }
      writer.endArray();
    };
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  private static void fields(JsonWriter writer, Agent agent) throws IOException {
    writer.name("id").value(agent.id().value());
    writer.name("source").value(agent.source().wireName());
    writer.name("webhook_event").value(agent.webhookEvent());
    writer.name("action").value(agent.action());
    writer.name("delivery_id").value(agent.deliveryId());
    writer.name("repo").value(agent.repo());
    writer.name("subject").value(agent.subject());
    writer.name("url").value(agent.url());
    writer.name("prompt").value(agent.prompt());
    writer.name("status").value(agent.status().wireName());
    writer.name("session_id").value(agent.sessionId());
    writer.name("task_id").value(agent.taskId());
    writer.name("attempts").value(agent.attempts());
    writer.name("last_error").value(agent.lastError());
    writer.name("created_at").value(time(agent.createdAt()));
    writer.name("updated_at").value(time(agent.updatedAt()));
  }

  private static void event(JsonWriter writer, StatusEvent event) throws IOException {
    writer.beginObject();
    writer.name("status").value(event.status().wireName());
    writer.name("at").value(time(event.at()));
    writer.name("detail").value(event.detail());
    writer.endObject();
  }
}
