package io.webhookagents.adapters.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What someone wrote to the orchestrator in Slack, taken apart: the repository a {@code
 * repo:owner/name} word names, and the request without it or the mentions that open it.
 *
 * @param repo the first {@code repo:} word's repository; null when there is none or it is not one
 * @param notRepo what the first {@code repo:} word holds when that is not {@code owner/name}; null
 *     when there is no such word or it names a repository
 * @param request the rest of the text, trimmed; empty when nothing else was written
 */
record SlackText(@Nullable String repo, @Nullable String notRepo, String request) {
  // <@U0LAN0Z89> or <@U0LAN0Z89|name>, any number of them, as the text opens.
  private static final Pattern LEADING_MENTIONS =
      Pattern.compile("^\\s*(?:<@[A-Za-z0-9]+(?:\\|[^>]*)?>[\\s,:]*)+");
  // A whole word, preceded by the start or a blank, running to the end or a blank: all of it is
  // the value, so that repo:a/b;rm is refused rather than read as a/b.
  private static final Pattern REPO_WORD = Pattern.compile("(?<!\\S)(?i:repo):(\\S*)");

  /** A mention's text, whose leading mentions of the app are not part of the request. */
  static SlackText ofMention(@Nullable String text) {
    String rest = text == null ? "" : LEADING_MENTIONS.matcher(text).replaceFirst("");
    return of(rest);
  }

  /** A slash command's text, which holds no mention. */
  static SlackText of(@Nullable String text) {
    String rest = text == null ? "" : text;
    Matcher word = REPO_WORD.matcher(rest);
    if (!word.find()) {
      return new SlackText(null, null, rest.strip());
    }

    String before = rest.substring(0, word.start()).stripTrailing();
    String after = rest.substring(word.end()).stripLeading();
    String request = before.isEmpty() || after.isEmpty() ? before + after : before + " " + after;

    String written = word.group(1);
    String value = withoutClosingPunctuation(written);
    boolean valid = RepoNames.isRepo(value);
    return new SlackText(valid ? value : null, valid ? null : written, request.strip());
  }

  /**
   * The word without the punctuation that ends a sentence or a clause after it, as in "see
   * repo:acme/api." Only at its end: {@code repo:acme/api;rm} keeps its {@code ;} and is refused,
   * and a word that names no repository even so is refused as written.
   */
  private static String withoutClosingPunctuation(String word) {
    int end = word.length();
    while (end > 0 && ".,;:!?)".indexOf(word.charAt(end - 1)) >= 0) {
      end--;
    }
    return word.substring(0, end);
  }

  /** Whether the text has a {@code repo:} word, naming a repository or not. */
  boolean namesRepo() {
    return repo != null || notRepo != null;
  }

  /**
   * The repository to work on: the one written, else {@code defaultRepo}; null when a {@code repo:}
   * word names no repository, since the default is not what the user asked for.
   */
  @Nullable String repoOr(@Nullable String defaultRepo) {
    if (notRepo != null) {
      return null;
    }
    return repo != null ? repo : defaultRepo;
  }

  /** Why {@code chosen}, what {@link #repoOr} gave, starts no agent; null when it can. */
  @Nullable String unroutable(@Nullable String chosen) {
    if (notRepo != null) {
      return "repo:" + Echo.of(notRepo) + " is not " + RepoNames.RULE;
    }
    return chosen == null ? SlackSource.NO_REPOSITORY : null;
  }
}
