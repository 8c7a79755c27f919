package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The table behind {@link HostileInputTest}: hostile, malformed and misdirected requests to every
 * webhook path, each with how it must be refused, and requests that only look unusual, each of
 * which must be accepted. Every request is built against a running {@link TestServer} configured as
 * {@link #settings()} says, and signed correctly unless its name says otherwise.
 */
final class HostileRequests {
  static final long LIMIT = 256 * 1024;
  private static final String JSON = "application/json";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Instant NOW = TestServer.NOW;
  private static final byte[] ISSUE = TestServer.fixture("issues.opened.json");
  private static final byte[] LINEAR_ISSUE = TestServer.linearFixture("Issue.create.json", NOW);
  private static final byte[] SLACK_MENTION =
      TestServer.resource("/slack/event_callback.app_mention.json");
  private static final byte[] SLASH_COMMAND = TestServer.resource("/slack/slash_command.txt");

  private HostileRequests() {}

  /** Every source configured, a body limit of {@link #LIMIT} and a Slack default repository. */
  static HttpSettings settings() {
    return new HttpSettings("127.0.0.1", 0, LIMIT, TestServer.SECRET, null)
        .withLinear(TestServer.LINEAR_SECRET, TestServer.LINEAR_REPOS)
        .withSlack(TestServer.SLACK_SECRET, "octo-org/chat");
  }

  /** A request and how it must be refused. */
  record Refusal(
      String name,
      int status,
      String detail,
      @Nullable String allow,
      Function<TestServer, Answer> send) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A request that must be accepted and reach the use case once. */
  record Acceptance(String name, Function<TestServer, Answer> send) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Refusal> refusals() {
    return List.of(
        // GitHub signatures
        refused(
            "github: wrong signature",
            401,
            "does not match the body",
            s -> github(s, ISSUE).setHeader("X-Hub-Signature-256", "sha256=" + "ab".repeat(32))),
        refused(
            "github: missing signature",
            401,
            "X-Hub-Signature-256 is missing",
            s -> unsignedGithub(s, ISSUE)),
        refused(
            "github: signature cut in half",
            401,
            "sha256= followed by 64 hex digits",
            s ->
                github(s, ISSUE)
                    .setHeader(
                        "X-Hub-Signature-256", half(TestServer.sign(TestServer.SECRET, ISSUE)))),
        refused(
            "github: sha1= signature in the sha256 header",
            401,
            "64 hex digits",
            s ->
                github(s, ISSUE)
                    .setHeader(
                        "X-Hub-Signature-256", "sha1=" + hmacSha1(TestServer.SECRET, ISSUE))),
        refused(
            "github: upper-case hex of a wrong digest",
            401,
            "does not match the body",
            s -> github(s, ISSUE).setHeader("X-Hub-Signature-256", "sha256=" + "AB".repeat(32))),
        refused(
            "github: signed with another secret",
            401,
            "GITHUB_WEBHOOK_SECRET",
            s ->
                github(s, ISSUE)
                    .setHeader("X-Hub-Signature-256", TestServer.sign("not the secret", ISSUE))),
        refused(
            "github: empty signature",
            401,
            "X-Hub-Signature-256",
            s -> github(s, ISSUE).setHeader("X-Hub-Signature-256", "")),
        refused(
            "github: signature of the body before it was changed",
            401,
            "does not match",
            s ->
                unsignedGithub(s, replace(ISSUE, "opened", "closed"))
                    .header("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, ISSUE))),
        // Linear signatures and dates
        refused(
            "linear: wrong signature",
            401,
            "does not match the body",
            s -> linear(s, LINEAR_ISSUE).setHeader("Linear-Signature", "ab".repeat(32))),
        refused(
            "linear: missing signature",
            401,
            "Linear-Signature is missing",
            s -> unsignedLinear(s, LINEAR_ISSUE)),
        refused(
            "linear: signature cut in half",
            401,
            "must be 64 hex digits",
            s ->
                linear(s, LINEAR_ISSUE)
                    .setHeader(
                        "Linear-Signature",
                        half(TestServer.signLinear(TestServer.LINEAR_SECRET, LINEAR_ISSUE)))),
        refused(
            "linear: sha256= prefix, as GitHub writes it",
            401,
            "must be 64 hex digits",
            s ->
                linear(s, LINEAR_ISSUE)
                    .setHeader(
                        "Linear-Signature",
                        "sha256=" + TestServer.signLinear(TestServer.LINEAR_SECRET, LINEAR_ISSUE))),
        refused(
            "linear: sha1 digest",
            401,
            "must be 64 hex digits",
            s ->
                linear(s, LINEAR_ISSUE)
                    .setHeader(
                        "Linear-Signature", hmacSha1(TestServer.LINEAR_SECRET, LINEAR_ISSUE))),
        refused(
            "linear: upper-case hex of a wrong digest",
            401,
            "does not match the body",
            s -> linear(s, LINEAR_ISSUE).setHeader("Linear-Signature", "AB".repeat(32))),
        refused(
            "linear: signed with another secret",
            401,
            "LINEAR_WEBHOOK_SECRET",
            s ->
                linear(s, LINEAR_ISSUE)
                    .setHeader(
                        "Linear-Signature", TestServer.signLinear("not the secret", LINEAR_ISSUE))),
        refused(
            "linear: dated 61 s ago",
            401,
            "webhookTimestamp is 61 s in the past",
            s -> linear(s, TestServer.linearFixture("Issue.create.json", NOW.minusSeconds(61)))),
        refused(
            "linear: dated 61 s ahead",
            401,
            "webhookTimestamp is 61 s in the future",
            s -> linear(s, TestServer.linearFixture("Issue.create.json", NOW.plusSeconds(61)))),
        refused(
            "linear: dated 60.5 s ahead, reported rounded up past the limit",
            401,
            "webhookTimestamp is 61 s in the future",
            s -> linear(s, TestServer.linearFixture("Issue.create.json", NOW.plusMillis(60_500)))),
        refused(
            "linear: dated in seconds, not milliseconds",
            401,
            "in the past",
            s -> linear(s, linearWithTimestamp(Long.toString(NOW.getEpochSecond())))),
        refused(
            "linear: timestamp that is not a number",
            400,
            "webhookTimestamp must be a whole number of milliseconds, was a string",
            s -> linear(s, linearWithTimestamp("\"1764864000000\""))),
        refused(
            "linear: timestamp with a fraction",
            400,
            "was 1764864000000.5",
            s -> linear(s, linearWithTimestamp("1764864000000.5"))),
        refused(
            "linear: no timestamp",
            400,
            "webhookTimestamp is missing",
            s -> linear(s, "{\"type\":\"Issue\",\"action\":\"create\"}".getBytes())),
        refused(
            "linear: no timestamp and a wrong signature",
            401,
            "does not match the body",
            s ->
                linear(s, "{\"type\":\"Issue\"}".getBytes())
                    .setHeader("Linear-Signature", "ab".repeat(32))),
        // Slack signatures and dates
        refused(
            "slack: wrong signature",
            401,
            "does not match the timestamp and body",
            s ->
                slack(s, JSON, SLACK_MENTION)
                    .setHeader("X-Slack-Signature", "v0=" + "ab".repeat(32))),
        refused(
            "slack: missing signature",
            401,
            "X-Slack-Signature is missing",
            s -> slackSigned(s, seconds(NOW), null, JSON, SLACK_MENTION)),
        refused(
            "slack: missing timestamp",
            401,
            "X-Slack-Request-Timestamp is missing",
            s -> slackSigned(s, null, "v0=" + "ab".repeat(32), JSON, SLACK_MENTION)),
        refused(
            "slack: missing timestamp, signed over an empty one",
            400,
            "X-Slack-Request-Timestamp is missing",
            s ->
                slackSigned(
                    s,
                    null,
                    slackSignature(TestServer.SLACK_SECRET, "", SLACK_MENTION),
                    JSON,
                    SLACK_MENTION)),
        refused(
            "slack: timestamp that is not a number, with a wrong signature",
            401,
            "does not match the timestamp and body",
            s -> slackSigned(s, "yesterday", "v0=" + "ab".repeat(32), JSON, SLACK_MENTION)),
        refused(
            "slack: signature cut in half",
            401,
            "v0= followed by 64 hex digits",
            s ->
                slack(s, JSON, SLACK_MENTION)
                    .setHeader(
                        "X-Slack-Signature",
                        half(
                            slackSignature(TestServer.SLACK_SECRET, seconds(NOW), SLACK_MENTION)))),
        refused(
            "slack: sha256= instead of v0=",
            401,
            "v0= followed by 64 hex digits",
            s ->
                slack(s, JSON, SLACK_MENTION)
                    .setHeader(
                        "X-Slack-Signature",
                        slackSignature(TestServer.SLACK_SECRET, seconds(NOW), SLACK_MENTION)
                            .replace("v0=", "sha256="))),
        refused(
            "slack: upper-case hex of a wrong digest",
            401,
            "does not match",
            s ->
                slack(s, JSON, SLACK_MENTION)
                    .setHeader("X-Slack-Signature", "v0=" + "AB".repeat(32))),
        refused(
            "slack: signed with another secret",
            401,
            "SLACK_SIGNING_SECRET",
            s ->
                slackSigned(
                    s,
                    seconds(NOW),
                    slackSignature("not the secret", seconds(NOW), SLACK_MENTION),
                    JSON,
                    SLACK_MENTION)),
        refused(
            "slack: dated 301 s ago",
            401,
            "X-Slack-Request-Timestamp is 301 s in the past",
            s -> slackAt(s, NOW.minusSeconds(301), JSON, SLACK_MENTION)),
        refused(
            "slack: dated 301 s ahead",
            401,
            "is 301 s in the future",
            s -> slackAt(s, NOW.plusSeconds(301), JSON, SLACK_MENTION)),
        refused(
            "slack: timestamp that is not a number",
            400,
            "must be whole seconds",
            s ->
                slackSigned(
                    s,
                    "yesterday",
                    slackSignature(TestServer.SLACK_SECRET, "yesterday", SLACK_MENTION),
                    JSON,
                    SLACK_MENTION)),
        refused(
            "slack: timestamp in milliseconds",
            400,
            "must be whole seconds",
            s -> slackAt(s, "" + NOW.toEpochMilli(), JSON, SLACK_MENTION)),
        refused(
            "slack: signature replayed under a new timestamp",
            401,
            "does not match",
            s ->
                slackSigned(
                    s,
                    seconds(NOW),
                    slackSignature(
                        TestServer.SLACK_SECRET, seconds(NOW.minusSeconds(900)), SLACK_MENTION),
                    JSON,
                    SLACK_MENTION)),
        // Payloads that are signed correctly but cannot be read
        refused(
            "github: truncated JSON",
            400,
            "not valid JSON",
            s -> github(s, Arrays.copyOf(ISSUE, 300))),
        refused(
            "github: 100 000 open brackets",
            400,
            "must be a JSON object, not an array",
            s -> github(s, "[".repeat(100_000).getBytes())),
        refused(
            "github: 100 000 levels inside an object",
            400,
            "nested deeper than 64 levels",
            s -> github(s, ("{\"issue\":" + "[".repeat(100_000) + "}").getBytes())),
        refused(
            "github: issue.number as a string",
            400,
            "issue.number must be a whole number, was a string",
            s -> github(s, replace(ISSUE, "\"number\": 1,", "\"number\": \"1\","))),
        refused(
            "github: issue.number 0",
            400,
            "issue.number must be 1 or more, was 0",
            s -> github(s, replace(ISSUE, "\"number\": 1,", "\"number\": 0,"))),
        refused(
            "github: issue.number negative",
            400,
            "issue.number must be 1 or more, was -1",
            s -> github(s, replace(ISSUE, "\"number\": 1,", "\"number\": -1,"))),
        refused(
            "github: issue as an array",
            400,
            "issue must be an object, was an array",
            s -> github(s, issueWith("\"issue\":[1,2],\"sender\":{\"login\":\"a\"}"))),
        refused(
            "github: sender as a number",
            400,
            "sender must be an object, was a number",
            s ->
                github(
                    s,
                    issueWith(
                        "\"issue\":{\"number\":1,\"title\":\"t\",\"user\":{\"login\":\"a\"}},"
                            + "\"sender\":7"))),
        refused(
            "github: top-level array",
            400,
            "must be a JSON object, not an array",
            s -> github(s, "[{\"action\":\"opened\"}]".getBytes())),
        refused(
            "github: top-level string",
            400,
            "must be a JSON object, not a string",
            s -> github(s, "\"issues\"".getBytes())),
        refused(
            "github: top-level number",
            400,
            "must be a JSON object, not a number",
            s -> github(s, "42".getBytes())),
        refused(
            "github: invalid UTF-8 bytes",
            400,
            "not valid UTF-8",
            s -> github(s, withBytes("{\"action\":\"opened\",\"x\":\"", 0xC3, 0x28, "\"}"))),
        refused(
            "github: UTF-8 encoded lone surrogate",
            400,
            "not valid UTF-8",
            s -> github(s, withBytes("{\"action\":\"", 0xED, 0xA0, 0x80, "\"}"))),
        refused(
            "github: JSON with a byte order mark",
            400,
            "byte order mark",
            s ->
                github(
                    s, withBytes("", 0xEF, 0xBB, 0xBF, new String(ISSUE, StandardCharsets.UTF_8)))),
        refused("github: empty body", 400, "not valid JSON", s -> github(s, new byte[0])),
        refused(
            "github: form body without payload",
            400,
            "no payload field",
            s -> github(s, "payload2=%7B%7D".getBytes()).setHeader("Content-Type", FORM)),
        refused(
            "linear: truncated JSON",
            400,
            "not valid JSON",
            s -> linear(s, Arrays.copyOf(LINEAR_ISSUE, 200))),
        refused(
            "linear: data as an array",
            400,
            "data must be an object, was an array",
            s ->
                linear(
                    s,
                    ("{\"type\":\"Issue\",\"action\":\"create\",\"data\":[],"
                            + "\"webhookTimestamp\":"
                            + NOW.toEpochMilli()
                            + "}")
                        .getBytes())),
        refused(
            "linear: no Linear-Delivery header",
            400,
            "Linear-Delivery is missing",
            s ->
                s.request("/webhooks/linear")
                    .header("Content-Type", JSON)
                    .header(
                        "Linear-Signature",
                        TestServer.signLinear(TestServer.LINEAR_SECRET, LINEAR_ISSUE))
                    .POST(BodyPublishers.ofByteArray(LINEAR_ISSUE))),
        refused("linear: empty body", 400, "not valid JSON", s -> linear(s, new byte[0])),
        refused(
            "linear: Linear-Delivery with a space in it",
            400,
            "Linear-Delivery must be printable ASCII without spaces",
            s -> s.linearRequest("lin 1", LINEAR_ISSUE)),
        refused(
            "github: X-GitHub-Delivery with a space in it",
            400,
            "X-GitHub-Delivery must be printable ASCII without spaces",
            s -> s.githubRequest("/webhook", "issues", "d 1", ISSUE)),
        refused(
            "slack: event_id with a control character",
            400,
            "event_id must be printable ASCII without spaces",
            s ->
                slack(
                    s,
                    JSON,
                    replace(SLACK_MENTION, "\"event_id\": \"", "\"event_id\": \"\\u0007"))),
        refused(
            "slack: trigger_id that is not ASCII",
            400,
            "trigger_id must be printable ASCII without spaces",
            s -> slack(s, FORM, replace(SLASH_COMMAND, "trigger_id=", "trigger_id=%C3%A9"))),
        refused(
            "slack: truncated JSON",
            400,
            "not valid JSON",
            s -> slack(s, JSON, Arrays.copyOf(SLACK_MENTION, 100))),
        refused(
            "slack: event without event_id",
            400,
            "event_id is missing",
            s -> slack(s, JSON, replace(SLACK_MENTION, "\"event_id\"", "\"event_idx\""))),
        refused(
            "slack: slash command without trigger_id",
            400,
            "no trigger_id field",
            s -> slack(s, FORM, replace(SLASH_COMMAND, "trigger_id=", "trigger="))),
        refused(
            "slack: JSON with a byte order mark",
            400,
            "byte order mark",
            s ->
                slack(
                    s,
                    JSON,
                    withBytes(
                        "", 0xEF, 0xBB, 0xBF, new String(SLACK_MENTION, StandardCharsets.UTF_8)))),
        refused(
            "slack: invalid UTF-8 bytes",
            400,
            "not valid UTF-8",
            s -> slack(s, JSON, withBytes("{\"type\":\"", 0xFF, "\"}"))),
        // Sizes
        refusedRaw(
            "github: declared length over the limit",
            413,
            "the body is 10000000 bytes; at most 262144 bytes are accepted",
            s -> announced(s, "/webhook", 10_000_000)),
        refused(
            "github: chunked body growing past the limit",
            413,
            "grew past the limit",
            s -> chunked(github(s, padded(LIMIT + 4096)), padded(LIMIT + 4096))),
        refusedRaw(
            "linear: declared length one byte over the limit",
            413,
            "the body is 262145 bytes; at most 262144 bytes are accepted",
            s -> announced(s, "/webhooks/linear", LIMIT + 1)),
        refusedRaw(
            "slack: declared length of an exbibyte",
            413,
            "at most 262144 bytes",
            s -> announced(s, "/webhooks/slack", 1L << 60)),
        refused(
            "slack: chunked body growing past the limit",
            413,
            "grew past the limit",
            s -> chunked(slack(s, JSON, padded(LIMIT + 4096)), padded(LIMIT + 4096))),
        // Media types
        refused(
            "github: text/plain",
            415,
            "Content-Type text/plain was sent",
            s -> github(s, ISSUE).setHeader("Content-Type", "text/plain")),
        refused(
            "github: multipart/form-data",
            415,
            "multipart/form-data",
            s -> github(s, ISSUE).setHeader("Content-Type", "multipart/form-data; boundary=x")),
        refused(
            "github: no Content-Type",
            415,
            "no Content-Type",
            s ->
                s.request("/webhook")
                    .header("X-GitHub-Event", "issues")
                    .header("X-GitHub-Delivery", "d-1")
                    .header("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, ISSUE))
                    .POST(BodyPublishers.ofByteArray(ISSUE))),
        refused(
            "github: a character set other than UTF-8",
            415,
            "charset=utf-16 was sent; bodies are read as UTF-8",
            s ->
                github(s, ISSUE).setHeader("Content-Type", "application/json; charset=\"UTF-16\"")),
        refused(
            "github: Content-Encoding sent twice",
            400,
            "Content-Encoding is sent more than once",
            s ->
                github(s, ISSUE)
                    .header("Content-Encoding", "identity")
                    .header("Content-Encoding", "gzip")),
        refused(
            "github: a compressed body",
            415,
            "Content-Encoding gzip was sent; send the body uncompressed",
            s -> github(s, ISSUE).setHeader("Content-Encoding", "gzip")),
        refused(
            "linear: form-encoded",
            415,
            "send application/json",
            s -> linear(s, LINEAR_ISSUE).setHeader("Content-Type", FORM)),
        refused("slack: text/plain", 415, "text/plain", s -> slack(s, "text/plain", SLACK_MENTION)),
        // Methods and paths
        notAllowed("GET on /webhook", "POST", s -> s.request("/webhook").GET()),
        notAllowed("HEAD on /webhook", "POST", s -> head(s, "/webhook")),
        notAllowed("GET on /webhooks/linear", "POST", s -> s.request("/webhooks/linear").GET()),
        notAllowed("HEAD on /webhooks/slack", "POST", s -> head(s, "/webhooks/slack")),
        notAllowed("GET on /webhooks/github", "POST", s -> s.request("/webhooks/github").GET()),
        notAllowed(
            "PUT on /webhooks/slack",
            "POST",
            s -> s.request("/webhooks/slack").PUT(BodyPublishers.ofByteArray(SLACK_MENTION))),
        notAllowed("DELETE on /agents", "GET, HEAD", s -> s.request("/agents").DELETE()),
        refused(
            "an unknown webhook path",
            404,
            "nothing is served at /webhooks/gitlab",
            s -> github(s, ISSUE).uri(s.uri("/webhooks/gitlab"))),
        refused(
            "github: X-GitHub-Event sent twice",
            400,
            "X-GitHub-Event is sent more than once",
            s -> github(s, ISSUE).header("X-GitHub-Event", "push")),
        refused(
            "github: X-GitHub-Delivery sent twice",
            400,
            "X-GitHub-Delivery is sent more than once",
            s -> github(s, ISSUE).header("X-GitHub-Delivery", "another-delivery")),
        refused(
            "github: a second, wrong X-Hub-Signature-256",
            400,
            "X-Hub-Signature-256 is sent more than once",
            s -> github(s, ISSUE).header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))),
        refused(
            "github: Content-Type sent twice",
            400,
            "Content-Type is sent more than once",
            s -> github(s, ISSUE).header("Content-Type", "text/plain")),
        refused(
            "the API: Authorization sent twice",
            400,
            "Authorization is sent more than once",
            s ->
                s.request("/agents")
                    .header("Authorization", "Bearer one")
                    .header("Authorization", "Bearer two")
                    .GET()),
        refused(
            "linear: Linear-Signature sent twice",
            400,
            "Linear-Signature is sent more than once",
            s -> linear(s, LINEAR_ISSUE).header("Linear-Signature", "0".repeat(64))),
        refused(
            "slack: X-Slack-Request-Timestamp sent twice",
            400,
            "X-Slack-Request-Timestamp is sent more than once",
            s -> slack(s, JSON, SLACK_MENTION).header("X-Slack-Request-Timestamp", "1")),
        refused(
            "an unknown path", 404, "nothing is served at /admin", s -> s.request("/admin").GET()));
  }

  static List<Acceptance> acceptances() {
    return List.of(
        new Acceptance(
            "github: header names in lower case",
            s -> raw(s, "/webhooks/github", lowerCase(githubHeaders(ISSUE)), ISSUE)),
        new Acceptance(
            "github: header names in upper case",
            s -> raw(s, "/webhook", upperCase(githubHeaders(ISSUE)), ISSUE)),
        accepted(
            "github: upper-case hex of the right digest",
            s ->
                github(s, ISSUE)
                    .setHeader(
                        "X-Hub-Signature-256",
                        "sha256="
                            + TestServer.sign(TestServer.SECRET, ISSUE)
                                .substring("sha256=".length())
                                .toUpperCase(Locale.ROOT))),
        accepted(
            "github: Content-Type with a charset, in mixed case",
            s -> github(s, ISSUE).setHeader("Content-Type", "Application/JSON; Charset=\"UTF-8\"")),
        new Acceptance(
            "linear: header names in lower case",
            s -> raw(s, "/webhooks/linear", lowerCase(linearHeaders(LINEAR_ISSUE)), LINEAR_ISSUE)),
        new Acceptance(
            "linear: header names in upper case",
            s -> raw(s, "/webhooks/linear", upperCase(linearHeaders(LINEAR_ISSUE)), LINEAR_ISSUE)),
        accepted(
            "linear: upper-case hex of the right digest",
            s ->
                linear(s, LINEAR_ISSUE)
                    .setHeader(
                        "Linear-Signature",
                        TestServer.signLinear(TestServer.LINEAR_SECRET, LINEAR_ISSUE)
                            .toUpperCase(Locale.ROOT))),
        new Acceptance(
            "slack: header names in lower case",
            s ->
                raw(
                    s,
                    "/webhooks/slack",
                    lowerCase(slackHeaders(JSON, SLACK_MENTION)),
                    SLACK_MENTION)),
        new Acceptance(
            "slack: header names in upper case",
            s ->
                raw(
                    s,
                    "/webhooks/slack",
                    upperCase(slackHeaders(FORM, SLASH_COMMAND)),
                    SLASH_COMMAND)),
        accepted(
            "slack: form Content-Type with a charset",
            s -> slack(s, FORM + ";charset=UTF-8", SLASH_COMMAND)),
        accepted(
            "slack: dated exactly 300 s ago",
            s -> slackAt(s, NOW.minusSeconds(300), JSON, SLACK_MENTION)));
  }

  // -- Building the cases

  private static Refusal refused(
      String name, int status, String detail, Function<TestServer, HttpRequest.Builder> request) {
    return new Refusal(name, status, detail, null, sent(request));
  }

  private static Refusal refusedRaw(
      String name, int status, String detail, Function<TestServer, Answer> send) {
    return new Refusal(name, status, detail, null, send);
  }

  private static Refusal notAllowed(
      String name, String allow, Function<TestServer, HttpRequest.Builder> request) {
    return new Refusal(name, 405, "is not allowed here", allow, sent(request));
  }

  private static Acceptance accepted(
      String name, Function<TestServer, HttpRequest.Builder> request) {
    return new Acceptance(name, sent(request));
  }

  private static Function<TestServer, Answer> sent(
      Function<TestServer, HttpRequest.Builder> request) {
    return s -> Answer.of(s.send(request.apply(s)));
  }

  private static HttpRequest.Builder github(TestServer s, byte[] body) {
    return s.githubRequest("/webhook", "issues", "d-hostile", body);
  }

  private static HttpRequest.Builder unsignedGithub(TestServer s, byte[] body) {
    return s.request("/webhook")
        .header("Content-Type", JSON)
        .header("X-GitHub-Event", "issues")
        .header("X-GitHub-Delivery", "d-hostile")
        .POST(BodyPublishers.ofByteArray(body));
  }

  private static HttpRequest.Builder linear(TestServer s, byte[] body) {
    return s.linearRequest("lin-hostile", body);
  }

  private static HttpRequest.Builder unsignedLinear(TestServer s, byte[] body) {
    return s.request("/webhooks/linear")
        .header("Content-Type", JSON)
        .header("Linear-Delivery", "lin-hostile")
        .POST(BodyPublishers.ofByteArray(body));
  }

  private static HttpRequest.Builder slack(TestServer s, String contentType, byte[] body) {
    return s.slackRequest(contentType, body);
  }

  private static HttpRequest.Builder slackAt(
      TestServer s, Instant at, String contentType, byte[] body) {
    return slackAt(s, seconds(at), contentType, body);
  }

  private static HttpRequest.Builder slackAt(
      TestServer s, String timestamp, String contentType, byte[] body) {
    String signature = slackSignature(TestServer.SLACK_SECRET, timestamp, body);
    return slackSigned(s, timestamp, signature, contentType, body);
  }

  private static HttpRequest.Builder slackSigned(
      TestServer s,
      @Nullable String timestamp,
      @Nullable String signature,
      String contentType,
      byte[] body) {
    HttpRequest.Builder request =
        s.request("/webhooks/slack")
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofByteArray(body));
    if (timestamp != null) {
      request.header("X-Slack-Request-Timestamp", timestamp);
    }
    if (signature != null) {
      request.header("X-Slack-Signature", signature);
    }
    return request;
  }

  private static HttpRequest.Builder head(TestServer s, String path) {
    return s.request(path).method("HEAD", BodyPublishers.noBody());
  }

  private static Answer raw(TestServer s, String path, Map<String, String> headers, byte[] body) {
    return RawHttp.post(s.server.port(), path, headers, body);
  }

  /**
   * A request that declares its length and waits for {@code 100 Continue} before sending any of it.
   * A client caught sending a body the server refuses unread would have its connection reset, and
   * the reset can overtake the answer.
   */
  private static Answer announced(TestServer s, String path, long length) {
    return RawHttp.announce(s.server.port(), path, Map.of("Content-Type", JSON), length);
  }

  private static HttpRequest.Builder chunked(HttpRequest.Builder request, byte[] body) {
    // A stream of unknown length goes out chunked, without a Content-Length to refuse early.
    return request.POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
  }

  private static Map<String, String> githubHeaders(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    headers.put("X-GitHub-Event", "issues");
    headers.put("X-GitHub-Delivery", "d-case");
    headers.put("X-Hub-Signature-256", TestServer.sign(TestServer.SECRET, body));
    return headers;
  }

  private static Map<String, String> linearHeaders(byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    headers.put("Linear-Delivery", "lin-case");
    headers.put("Linear-Signature", TestServer.signLinear(TestServer.LINEAR_SECRET, body));
    return headers;
  }

  private static Map<String, String> slackHeaders(String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("X-Slack-Request-Timestamp", seconds(NOW));
    headers.put("X-Slack-Signature", slackSignature(TestServer.SLACK_SECRET, seconds(NOW), body));
    return headers;
  }

  private static Map<String, String> lowerCase(Map<String, String> headers) {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    return lower;
  }

  private static Map<String, String> upperCase(Map<String, String> headers) {
    Map<String, String> upper = new LinkedHashMap<>();
    headers.forEach((name, value) -> upper.put(name.toUpperCase(Locale.ROOT), value));
    return upper;
  }

  // -- Bodies and signatures

  private static String seconds(Instant at) {
    return Long.toString(at.getEpochSecond());
  }

  private static String slackSignature(String secret, String timestamp, byte[] body) {
    return TestServer.signSlack(secret, timestamp, body);
  }

  private static String half(String signature) {
    return signature.substring(0, signature.length() - 32);
  }

  private static String hmacSha1(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] replace(byte[] body, String from, String to) {
    String text = new String(body, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] linearWithTimestamp(String timestamp) {
    return ("{\"type\":\"Issue\",\"action\":\"create\",\"webhookTimestamp\":" + timestamp + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] issueWith(String fields) {
    return ("{\"action\":\"opened\",\"repository\":{\"full_name\":\"o/r\"}," + fields + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Text and raw bytes in order: strings as UTF-8, integers as single bytes. */
  private static byte[] withBytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof Integer b) {
        out.write(b);
      } else {
        out.writeBytes(part.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static byte[] padded(long size) {
    String prefix = "{\"zen\":\"";
    return (prefix + "x".repeat((int) size - prefix.length() - 2) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
