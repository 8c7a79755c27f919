package io.webhookagents.adapters.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What someone wrote to the orchestrator in Slack, taken apart: the repository a {@code
 * repo:owner/name} word names, and the request without it or the mentions that open it.
 *
 * @param repo the first {@code repo:owner/name} word's repository; null when there is none
 * @param request the rest of the text, trimmed; empty when nothing else was written
 */
record SlackText(@Nullable String repo, String request) {
  // <@U0LAN0Z89> or <@U0LAN0Z89|name>, any number of them, as the text opens.
  private static final Pattern LEADING_MENTIONS =
      Pattern.compile("^\\s*(?:<@[A-Za-z0-9]+(?:\\|[^>]*)?>[\\s,:]*)+");
  // A whole word: preceded by the start or a blank, followed by the end or a blank.
  private static final Pattern REPO_WORD =
      Pattern.compile("(?<!\\S)repo:(" + RepoNames.PATTERN.pattern() + ")(?!\\S)");

  /** A mention's text, whose leading mentions of the app are not part of the request. */
  static SlackText ofMention(@Nullable String text) {
    String rest = text == null ? "" : LEADING_MENTIONS.matcher(text).replaceFirst("");
    return of(rest);
  }

  /** A slash command's text, which holds no mention. */
  static SlackText of(@Nullable String text) {
    String rest = text == null ? "" : text;
    Matcher repo = REPO_WORD.matcher(rest);
    if (!repo.find()) {
      return new SlackText(null, rest.strip());
    }
    String before = rest.substring(0, repo.start()).stripTrailing();
    String after = rest.substring(repo.end()).stripLeading();
    String request = before.isEmpty() || after.isEmpty() ? before + after : before + " " + after;
    return new SlackText(repo.group(1), request.strip());
  }
}
