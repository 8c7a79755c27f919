package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.IssueDetail;
import io.webhookagents.domain.event.MessageDetail;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Text that is valid JSON however odd it looks (NUL, a right-to-left override, emoji raw and
 * escaped, a lone surrogate) is accepted and reaches the use case exactly as the sender wrote it.
 */
class UnicodePassThroughTest {
  // As JSON text: escapes stay escapes here, and the emoji is raw UTF-8.
  private static final String ODD_JSON =
      "nul \\u0000 rtl \\u202e emoji 😀 escaped \\ud83d\\ude00 lone \\ud800 tab\\t quote\\\" end";
  // What a reader must make of it.
  private static final String ODD =
      "nul \u0000 rtl \u202e emoji 😀 escaped \ud83d\ude00 lone \ud800 tab\t quote\" end";

  private final TestServer http = TestServer.start(TestServer.allSources());

  @AfterEach
  void stop() {
    http.close();
  }

  @Test
  void githubIssue_keepsOddTitleBodyAndLogin_intact() {
    String payload =
        "{\"action\":\"opened\",\"repository\":{\"full_name\":\"o/r\"},\"issue\":{\"number\":1,"
            + "\"title\":\""
            + ODD_JSON
            + "\",\"body\":\""
            + ODD_JSON
            + "\","
            + "\"user\":{\"login\":\"octo\\u202ecat😀\",\"type\":\"User\"}}}";

    HttpResponse<String> response =
        http.deliver("issues", "d-odd", payload.getBytes(StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(200);
    IssueDetail issue = (IssueDetail) http.intake.onlyEvent().detail();
    assertThat(issue.title()).isEqualTo(ODD);
    assertThat(issue.body()).isEqualTo(ODD);
    assertThat(issue.author()).isEqualTo(new Actor("octo\u202ecat😀", false));
  }

  @Test
  void linearIssue_keepsAnOddTitleAndActorName_intact() {
    String payload =
        "{\"action\":\"create\",\"type\":\"Issue\",\"webhookTimestamp\":"
            + TestServer.NOW.toEpochMilli()
            + ",\"actor\":{\"name\":\""
            + ODD_JSON
            + "\",\"type\":\"user\"},"
            + "\"data\":{\"identifier\":\"ENG-1\",\"title\":\""
            + ODD_JSON
            + "\"}}";

    http.send(http.linearRequest("lin-odd", payload.getBytes(StandardCharsets.UTF_8)));

    IssueDetail issue = (IssueDetail) http.intake.onlyEvent().detail();
    assertThat(issue.title()).isEqualTo(ODD);
    assertThat(issue.author().login()).isEqualTo(ODD);
  }

  @Test
  void slackMention_keepsOddText_intact() {
    String payload =
        "{\"type\":\"event_callback\",\"event_id\":\"Ev9\",\"event\":{\"type\":\"app_mention\","
            + "\"user\":\"U1\",\"channel\":\"C1\",\"ts\":\"1.2\","
            + "\"text\":\"<@U0> repo:o/r "
            + ODD_JSON
            + "\"}}";

    http.send(http.slackRequest("application/json", payload.getBytes(StandardCharsets.UTF_8)));

    MessageDetail message = (MessageDetail) http.intake.onlyEvent().detail();
    assertThat(message.text()).isEqualTo(ODD);
  }
}
