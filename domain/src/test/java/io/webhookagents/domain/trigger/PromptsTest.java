package io.webhookagents.domain.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromptsTest {

  @Test
  void newIssue_asksForAnInvestigationAndAPullRequest() {
    String prompt = Prompts.forEvent(Events.issueOpened("It crashes when HOME is unset."));

    assertThat(prompt)
        .contains("octo-org/demo")
        .contains("Issue #42: Crash on start")
        .contains("It crashes when HOME is unset.")
        .contains("root cause")
        .contains("open a pull request that references #42");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   \n"})
  void missingEmptyOrNullBody_readsNoDescriptionProvided(String body) {
    String prompt = Prompts.forEvent(Events.issueOpened(body));

    assertThat(prompt).contains("No description provided.").doesNotContain("null");
    assertThat(prompt).doesNotContain("None");
  }

  @Test
  void commentOnAnIssue_asksToRespondToThatComment() {
    String prompt = Prompts.forEvent(Events.comment("Can you add a test?", false, Events.PERSON));

    assertThat(prompt)
        .contains("octocat commented on issue #42")
        .contains("Can you add a test?")
        .contains("Respond to this comment")
        .doesNotContain("pull request");
  }

  @Test
  void commentOnAnIssueWithoutATitle_namesTheIssueAlone() {
    // Linear's comment deliveries may carry the comment without its issue's title.
    String prompt = Prompts.forEvent(Events.comment("", "Indeed.", false, Events.PERSON));

    assertThat(prompt).contains("octocat commented on issue #42\n").doesNotContain("#42:");
  }

  @Test
  void commentOnAPullRequest_saysSoAndWorksOnItsBranch() {
    String prompt = Prompts.forEvent(Events.comment("Please rebase", true, Events.PERSON));

    assertThat(prompt)
        .contains("commented on pull request #42")
        .contains("gh pr checkout 42")
        .contains("push them there")
        .contains("do not open a new pull request");
  }

  @Test
  void reviewComment_pointsAtTheFileLineAndBranch() {
    String prompt = Prompts.forEvent(Events.reviewComment("Use a constant here", 12));

    assertThat(prompt)
        .contains("review comment on pull request #7")
        .contains("File: src/Main.java at line 12")
        .contains("Branch: fast-start")
        .contains("```diff\n@@ -1,3 +1,4 @@")
        .contains("Use a constant here")
        .contains("change the code in src/Main.java at line 12");
  }

  @Test
  void reviewCommentWithoutLine_namesTheFileOnly() {
    String prompt = Prompts.forEvent(Events.reviewComment(null, null));

    assertThat(prompt).contains("File: src/Main.java\n").contains("No description provided.");
  }

  @Test
  void aBodyPastTheBound_isCut_sayingHowMuchWasLeftOut() {
    String body = "x".repeat(Prompts.MAX_QUOTED_CHARS) + "y".repeat(500);

    String prompt = Prompts.forEvent(Events.issueOpened(body));

    assertThat(prompt)
        .contains("x".repeat(Prompts.MAX_QUOTED_CHARS) + "\n[500 more characters not shown]")
        .doesNotContain("xy");
  }

  @Test
  void theCut_neverSplitsASurrogatePair() {
    String text = "a".repeat(9) + "\uD83D\uDE00" + "b";

    String cut = Prompts.bounded(text, 10);

    assertThat(cut).isEqualTo("a".repeat(9) + "\n[3 more characters not shown]");
  }

  @Test
  void aTextWithinTheBound_isKeptWhole() {
    String body = "z".repeat(Prompts.MAX_QUOTED_CHARS);

    assertThat(Prompts.forEvent(Events.issueOpened(body))).contains(body + "\n-----");
  }
}
