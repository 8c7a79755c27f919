package io.webhookagents.adapters.http;

import java.util.regex.Pattern;

/**
 * What a repository name looks like: {@code owner/name}, as GitHub allows them. An owner is 1 to 39
 * letters, digits and hyphens; a name 1 to 100 letters, digits, dots, hyphens and underscores, but
 * not {@code .} or {@code ..}, which would name a directory rather than a repository.
 */
final class RepoNames {
  static final String RULE =
      "owner/name (owner: up to 39 letters, digits and -; name: up to 100 letters, digits and"
          + " . _ -, not . or ..)";

  private static final Pattern PATTERN =
      Pattern.compile("[A-Za-z0-9-]{1,39}/(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}");

  private RepoNames() {}

  static boolean isRepo(String text) {
    return PATTERN.matcher(text).matches();
  }
}
