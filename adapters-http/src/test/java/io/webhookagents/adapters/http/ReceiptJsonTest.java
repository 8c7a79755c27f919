package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.in.Receipt;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReceiptJsonTest {
  private static final AgentId AGENT = new AgentId("01M91RS43P5YY57NM1P9XC9E4P");

  @Test
  void describe_namesTheSessionAFollowUpReuses() {
    assertThat(ReceiptJson.describe(new Receipt.Created(AGENT)))
        .isEqualTo("created agent 01M91RS43P5YY57NM1P9XC9E4P");
    assertThat(ReceiptJson.describe(new Receipt.Created(AGENT, "ses_1")))
        .isEqualTo("created agent 01M91RS43P5YY57NM1P9XC9E4P, a follow-up on session ses_1");
  }

  @Test
  void write_answersAFollowUpAsAnyCreatedAgent() {
    String json =
        new String(ReceiptJson.write(new Receipt.Created(AGENT, "ses_1")), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo("{\"agent_id\":\"01M91RS43P5YY57NM1P9XC9E4P\",\"status\":\"pending\"}");
  }
}
