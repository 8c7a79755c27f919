package io.webhookagents.domain.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Source;
import io.webhookagents.domain.event.Actor;
import io.webhookagents.domain.event.MessageDetail;
import io.webhookagents.domain.event.WebhookEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TriggerRulesTest {
  private final TriggerRules defaults = new TriggerRules(TriggerPolicy.defaults());

  @Test
  void theThreeDefaultTriggers_startAgents() {
    assertThat(defaults.decide(Events.issueOpened("boom"))).isInstanceOf(Decision.Start.class);
    assertThat(defaults.decide(Events.comment("please fix", false, Events.PERSON)))
        .isInstanceOf(Decision.Start.class);
    assertThat(defaults.decide(Events.reviewComment("rename this", 12)))
        .isInstanceOf(Decision.Start.class);
  }

  @Test
  void ping_isIgnoredWithAReason() {
    Decision decision = defaults.decide(Events.ping());

    assertThat(decision)
        .isEqualTo(new Decision.Ignore("ping: the sender is checking the webhook; nothing to do"));
  }

  @Test
  void anEventThatIsNotATrigger_isIgnoredNamingItsKind() {
    Decision decision =
        defaults.decide(Events.issue("closed", "x", List.of(), null, Events.PERSON));

    assertThat(decision).isInstanceOf(Decision.Ignore.class);
    assertThat(((Decision.Ignore) decision).reason()).startsWith("issues.closed does not start");
  }

  @Test
  void anEventWithNoRepository_isIgnored_inTheSourcesWordsWhenItHasSome() {
    WebhookEvent opened = Events.issueOpened("boom");

    Decision plain = defaults.decide(withoutRepo(opened, null));
    Decision explained = defaults.decide(withoutRepo(opened, "team OPS is not mapped"));

    assertThat(plain)
        .isEqualTo(new Decision.Ignore("issues.opened names no repository to work in"));
    assertThat(explained).isEqualTo(new Decision.Ignore("team OPS is not mapped"));
  }

  @Test
  void anEventThatIsNotATrigger_isIgnoredAsSuch_evenWithNoRepository() {
    WebhookEvent closed = Events.issue("closed", "x", List.of(), null, Events.PERSON);

    Decision decision = defaults.decide(withoutRepo(closed, "team OPS is not mapped"));

    assertThat(((Decision.Ignore) decision).reason()).startsWith("issues.closed does not start");
  }

  @Test
  void aSlackMessageThatAsksForNothing_isIgnoredSayingWhatToWrite() {
    Actor user = new Actor("U7", false);
    WebhookEvent bare =
        new WebhookEvent(
            Source.SLACK,
            "t-1",
            "slash_command",
            null,
            "octo-org/demo",
            "slack:C9/t-1",
            null,
            user,
            new MessageDetail("  ", "#dev", user));

    Decision decision = defaults.decide(bare);

    assertThat(decision)
        .isEqualTo(
            new Decision.Ignore(
                "slash_command asks for nothing: write the request after the command or the"
                    + " mention"));
  }

  @Test
  void aCommentByABotAccount_isIgnored() {
    Actor bot = new Actor("helper", true);

    Decision decision = defaults.decide(Events.comment("done!", false, bot));

    assertThat(decision)
        .isEqualTo(new Decision.Ignore("author helper is a bot; bots never start agents"));
  }

  @Test
  void aCommentWhoseLoginEndsInBot_isIgnoredEvenWhenTypedAsUser() {
    Actor app = Actor.fromGitHub("agent-app[bot]", "User");

    Decision decision = defaults.decide(Events.comment("I opened a PR", true, app));

    assertThat(app.bot()).isTrue();
    assertThat(decision).isInstanceOf(Decision.Ignore.class);
  }

  @Test
  void githubUserTypeBot_marksTheActorAsABot() {
    assertThat(Actor.fromGitHub("dependabot", "Bot").bot()).isTrue();
    assertThat(Actor.fromGitHub("octocat", "User").bot()).isFalse();
  }

  @Test
  void ignoredLogins_neverTrigger_whateverTheirCase() {
    TriggerPolicy policy =
        new TriggerPolicy(TriggerPolicy.DEFAULT_EVENTS, null, null, Set.of("OctoCat"));

    Decision decision = new TriggerRules(policy).decide(Events.issueOpened("boom"));

    assertThat(decision).isEqualTo(new Decision.Ignore("author octocat is in IGNORE_USERS"));
  }

  @Test
  void triggerLabel_requiresTheIssueToCarryIt() {
    TriggerPolicy policy =
        new TriggerPolicy(Set.of("issues.opened", "issues.labeled"), "agent", null, Set.of());
    TriggerRules rules = new TriggerRules(policy);

    Decision unlabelled = rules.decide(Events.issueOpened("boom"));
    Decision labelled =
        rules.decide(Events.issue("opened", "boom", List.of("bug", "Agent"), null, Events.PERSON));
    Decision labelAdded =
        rules.decide(Events.issue("labeled", "boom", List.of("agent"), "agent", Events.PERSON));
    Decision otherLabelAdded =
        rules.decide(
            Events.issue("labeled", "boom", List.of("agent", "bug"), "bug", Events.PERSON));

    assertThat(unlabelled)
        .isEqualTo(new Decision.Ignore("issue does not carry the trigger label 'agent'"));
    assertThat(labelled).isInstanceOf(Decision.Start.class);
    assertThat(labelAdded).isInstanceOf(Decision.Start.class);
    assertThat(otherLabelAdded)
        .isEqualTo(new Decision.Ignore("label 'bug' is not the trigger label 'agent'"));
  }

  @Test
  void triggerMention_requiresCommentsToContainIt() {
    TriggerPolicy policy =
        new TriggerPolicy(TriggerPolicy.DEFAULT_EVENTS, null, "@agent", Set.of());
    TriggerRules rules = new TriggerRules(policy);

    Decision without = rules.decide(Events.comment("looks good", false, Events.PERSON));
    Decision with = rules.decide(Events.comment("@Agent please rebase", false, Events.PERSON));
    Decision nullBody = rules.decide(Events.comment(null, false, Events.PERSON));

    assertThat(without).isEqualTo(new Decision.Ignore("comment does not mention '@agent'"));
    assertThat(with).isInstanceOf(Decision.Start.class);
    assertThat(nullBody).isInstanceOf(Decision.Ignore.class);
  }

  @Test
  void aPolicyNamingAnEventWithoutPrompt_isRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TriggerPolicy(Set.of("push", "issues.opened"), null, null, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no prompt exists for push");
  }

  private static WebhookEvent withoutRepo(WebhookEvent event, String unroutable) {
    return new WebhookEvent(
        event.source(),
        event.deliveryId(),
        event.name(),
        event.action(),
        null,
        event.subject(),
        event.url(),
        event.sender(),
        event.detail(),
        unroutable);
  }
}
