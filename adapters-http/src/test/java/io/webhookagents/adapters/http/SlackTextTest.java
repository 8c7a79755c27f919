package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

  @Test
  void leadingMentions_areDropped_butOnesInsideTheTextStay() {
    SlackText text = SlackText.ofMention("<@U1> <@U2|bob>, ask <@U3> about it");

    assertThat(text).isEqualTo(new SlackText(null, "ask <@U3> about it"));
  }

  @Test
  void repoWord_anywhere_namesTheRepository_andLeavesTheRestJoined() {
    assertThat(SlackText.of("fix repo:octo-org/api.v2 the build"))
        .isEqualTo(new SlackText("octo-org/api.v2", "fix the build"));
    assertThat(SlackText.of("repo:o/r")).isEqualTo(new SlackText("o/r", ""));
  }

  @Test
  void somethingThatIsNotAWholeRepoWord_staysInTheText() {
    assertThat(SlackText.of("see myrepo:o/r and repo:nope"))
        .isEqualTo(new SlackText(null, "see myrepo:o/r and repo:nope"));
  }

  @Test
  void onlyTheFirstRepoWord_counts() {
    assertThat(SlackText.of("repo:a/b then repo:c/d"))
        .isEqualTo(new SlackText("a/b", "then repo:c/d"));
  }

  @Test
  void noText_isAnEmptyRequest() {
    assertThat(SlackText.ofMention(null)).isEqualTo(new SlackText(null, ""));
  }
}
