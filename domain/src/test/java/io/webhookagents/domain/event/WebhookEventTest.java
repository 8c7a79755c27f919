package io.webhookagents.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.webhookagents.domain.Source;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

  @Test
  void anEventWithARepository_cannotAlsoSayWhyItHasNone() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> event("acme/web", "team OPS is not mapped"))
        .withMessage("an event with a repository is not unroutable");
  }

  @Test
  void theShortConstructor_leavesTheReasonOut() {
    WebhookEvent event =
        new WebhookEvent(
            Source.LINEAR, "d-1", "Issue", "create", null, "OPS-1", null, null, new NoDetail());

    assertThat(event.unroutable()).isNull();
    assertThat(event).isEqualTo(event(null, null));
  }

  @Test
  void withRepo_setsTheRepository_andDropsTheReasonThereWasNone() {
    WebhookEvent unroutable = event(null, "team OPS is not mapped");

    WebhookEvent routed = unroutable.withRepo("acme/ops");

    assertThat(routed).isEqualTo(event("acme/ops", null));
  }

  private static WebhookEvent event(String repo, String unroutable) {
    return new WebhookEvent(
        Source.LINEAR,
        "d-1",
        "Issue",
        "create",
        repo,
        "OPS-1",
        null,
        null,
        new NoDetail(),
        unroutable);
  }
}
