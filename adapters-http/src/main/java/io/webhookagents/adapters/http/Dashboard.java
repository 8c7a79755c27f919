package io.webhookagents.adapters.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard: one page, {@code dashboard.html}, whose inline script reads the agents API from
 * the browser with the token the user typed in.
 *
 * <p>The page's Content-Security-Policy allows exactly its own inline script and style, by their
 * SHA-256 hashes, and nothing else: no other script runs even if some value were ever inserted as
 * markup, and the page can talk to this server only. The hashes are taken from the page as it is
 * served, so editing the page cannot leave them stale.
 */
final class Dashboard {
  static final String RESOURCE = "dashboard.html";

  private static final Pattern SCRIPT = Pattern.compile("(?s)<script>(.*?)</script>");
  private static final Pattern STYLE = Pattern.compile("(?s)<style>(.*?)</style>");

  private Dashboard() {}

  static StaticHandler handler() {
    byte[] page = StaticHandler.resource(RESOURCE);

    String policy = policy(new String(page, StandardCharsets.UTF_8));

    return new StaticHandler(
        "text/html; charset=utf-8",
        page,
        Map.of(
            "Content-Security-Policy", policy,
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache"));
  }

  static String policy(String page) {
    return String.join(
        "; ",
        "default-src 'none'",
        "script-src " + hashes(SCRIPT, page),
        "style-src " + hashes(STYLE, page),
        "connect-src 'self'",
        // The page's one image is its empty data: icon, which spares a request for /favicon.ico.
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'");
  }

  private static String hashes(Pattern element, String page) {
    List<String> sources = new ArrayList<>();
    Matcher matcher = element.matcher(page);
    while (matcher.find()) {
      sources.add("'sha256-" + sha256(matcher.group(1)) + "'");
    }
    // 'none' when the page has no such element: a policy source list must not be empty.
    return sources.isEmpty() ? "'none'" : String.join(" ", sources);
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      // Every Java runtime must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
