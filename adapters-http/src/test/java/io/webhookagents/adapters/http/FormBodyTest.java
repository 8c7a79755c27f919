package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormBodyTest {

  @Test
  void fields_areDecoded_plusAsSpace_escapesAsUtf8Bytes_unescapedUtf8AsItIs() {
    byte[] body =
        "payload=%7B%22a%22%3A%22caf%C3%A9+ok%22%7D&text=na%C3%AFve+é"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(FormBody.field(body, "payload"))
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"a\":\"café ok\"}");
    assertThat(FormBody.fields(body)).containsEntry("text", "naïve é");
  }

  @Test
  void escapesThatAreNotUtf8_areRefused_notReadAsReplacementCharacters() {
    byte[] body = "payload=bad%FF%FEbytes".getBytes(StandardCharsets.US_ASCII);

    assertThat(refusal(() -> FormBody.field(body, "payload")))
        .isEqualTo(
            "the form body's payload field is not valid UTF-8 once its %-escapes are decoded");
  }

  @Test
  void aBodyThatIsNotUtf8_isRefused() {
    byte[] body = {'a', '=', (byte) 0xC3, (byte) 0x28};

    assertThat(refusal(() -> FormBody.fields(body))).isEqualTo("the form body is not valid UTF-8");
  }

  @Test
  void theFirstFieldOfTheName_isRead_andAMissingOneIsNull() {
    byte[] body = "a=1&payload&payload=2&&b=%41".getBytes(StandardCharsets.US_ASCII);

    assertThat(FormBody.field(body, "payload")).isEmpty();
    assertThat(FormBody.field(body, "b")).asString(StandardCharsets.UTF_8).isEqualTo("A");
    assertThat(FormBody.field(body, "c")).isNull();
    assertThat(FormBody.field(new byte[0], "payload")).isNull();
  }

  @Test
  void brokenEscapes_areRefusedNamingTheField() {
    byte[] body = "payload=%G1".getBytes(StandardCharsets.US_ASCII);

    assertThat(refusal(() -> FormBody.field(body, "payload")))
        .isEqualTo("the form body is not valid URL encoding near the payload field");
    assertThat(
            refusal(
                () -> FormBody.field("payload=%4".getBytes(StandardCharsets.US_ASCII), "payload")))
        .isEqualTo("the form body is not valid URL encoding near the payload field");
  }

  private static String refusal(Runnable reading) {
    ProblemException refused = catchThrowableOfType(ProblemException.class, reading::run);
    assertThat(refused).as("a 400 problem").isNotNull();
    assertThat(refused.problem().status()).isEqualTo(400);
    return refused.problem().detail();
  }
}
