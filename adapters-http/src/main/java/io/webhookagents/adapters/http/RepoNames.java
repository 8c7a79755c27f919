package io.webhookagents.adapters.http;

import java.util.regex.Pattern;

/** What a repository name looks like: {@code owner/name}, as GitHub allows them. */
final class RepoNames {
  static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  private RepoNames() {}

  static boolean isRepo(String text) {
    return PATTERN.matcher(text).matches();
  }
}
