package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

  @Test
  void punctuationEndingTheRepoWord_isNotPartOfTheName() {
    assertThat(SlackText.of("see repo:A/one.")).isEqualTo(new SlackText("A/one", null, "see"));
    assertThat(SlackText.of("try repo:o/r, please"))
        .isEqualTo(new SlackText("o/r", null, "try please"));
    assertThat(SlackText.of("repo:o/r;rm now").notRepo()).isEqualTo("o/r;rm");
  }

  @Test
  void leadingMentions_areDropped_butOnesInsideTheTextStay() {
    SlackText text = SlackText.ofMention("<@U1> <@U2|bob>, ask <@U3> about it");

    assertThat(text).isEqualTo(new SlackText(null, null, "ask <@U3> about it"));
  }

  @Test
  void repoWord_anywhere_namesTheRepository_andLeavesTheRestJoined() {
    assertThat(SlackText.of("fix repo:octo-org/api.v2 the build"))
        .isEqualTo(new SlackText("octo-org/api.v2", null, "fix the build"));
    assertThat(SlackText.of("repo:o/r")).isEqualTo(new SlackText("o/r", null, ""));
  }

  @Test
  void somethingThatIsNotAWholeRepoWord_staysInTheText() {
    assertThat(SlackText.of("see myrepo:o/r and xrepo:nope"))
        .isEqualTo(new SlackText(null, null, "see myrepo:o/r and xrepo:nope"));
  }

  @Test
  void repoKeyword_isCaseInsensitive_andTheValueIsKeptAsWritten() {
    assertThat(SlackText.of("REPO:Acme/Upper go"))
        .isEqualTo(new SlackText("Acme/Upper", null, "go"));
  }

  @Test
  void repoWordNamingNoRepository_isKeptAsNotARepo_andChoosesNoneNotTheDefault() {
    SlackText text = SlackText.of("repo:acme/x;rm${IFS}-rf do x");

    String chosen = text.repoOr("octo-org/chat");

    assertThat(text).isEqualTo(new SlackText(null, "acme/x;rm${IFS}-rf", "do x"));
    assertThat(chosen).isNull();
    assertThat(text.unroutable(chosen)).startsWith("repo:acme/x;rm${IFS}-rf is not owner/name");
  }

  @Test
  void repoNames_followGitHubsRules() {
    assertThat(RepoNames.isRepo("octo-org/api.v2_x")).isTrue();
    assertThat(RepoNames.isRepo("a".repeat(39) + "/" + "b".repeat(100))).isTrue();
    assertThat(RepoNames.isRepo("acme/..")).isFalse();
    assertThat(RepoNames.isRepo("acme/.")).isFalse();
    assertThat(RepoNames.isRepo("acme/.hidden")).isTrue();
    assertThat(RepoNames.isRepo("../../etc/passwd")).isFalse();
    assertThat(RepoNames.isRepo("ac_me/x")).isFalse();
    assertThat(RepoNames.isRepo("a".repeat(40) + "/x")).isFalse();
    assertThat(RepoNames.isRepo("acme/" + "b".repeat(101))).isFalse();
  }

  @Test
  void onlyTheFirstRepoWord_counts() {
    assertThat(SlackText.of("repo:a/b then repo:c/d"))
        .isEqualTo(new SlackText("a/b", null, "then repo:c/d"));
  }

  @Test
  void noText_isAnEmptyRequest() {
    assertThat(SlackText.ofMention(null)).isEqualTo(new SlackText(null, null, ""));
  }
}
