package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFieldReaderTest {

  @Test
  void keepsTheWantedPaths_throughObjectsAndArrays() {
    String json =
        "{\"issue\":{\"title\":\"T\",\"labels\":[{\"name\":\"bug\"},{\"name\":\"ui\"}],"
            + "\"number\":42,\"body\":null,\"locked\":false},\"ignored\":{\"title\":\"no\"}}";

    JsonFields fields =
        read(json, "issue.title", "issue.labels[].name", "issue.number", "issue.body");

    assertThat(fields.requireString("issue.title")).isEqualTo("T");
    assertThat(fields.strings("issue.labels[].name")).containsExactly("bug", "ui");
    assertThat(fields.requireWholeNumber("issue.number")).isEqualTo(42);
    assertThat(fields.optionalString("issue.body")).isNull();
    assertThat(fields.get("ignored.title")).isEqualTo(JsonValue.ABSENT);
  }

  @Test
  void aRepeatedKey_readsAsItsLastValue() {
    JsonFields fields = read("{\"action\":\"opened\",\"action\":\"closed\"}", "action");

    assertThat(fields.requireString("action")).isEqualTo("closed");
  }

  @Test
  void nestingOf64Levels_isRead() {
    String json = "{\"a\":" + "[".repeat(63) + "]".repeat(63) + "}";

    JsonFields fields = read(json, "a");

    assertThat(fields.get("a").kind()).isEqualTo(JsonValue.Kind.ARRAY);
  }

  @Test
  void nestingOf65Levels_isRefused() {
    String json = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";

    assertThat(refusal(json)).isEqualTo("the body is nested deeper than 64 levels");
  }

  @Test
  void hostileNesting_inAnUnwantedBranch_isRefusedWithoutOverflowingTheStack() {
    String json = "{\"x\":" + "{\"y\":".repeat(100_000) + "1" + "}".repeat(100_001);

    assertThat(refusal(json)).isEqualTo("the body is nested deeper than 64 levels");
  }

  @Test
  void aNumberOf1000Digits_isRead_andOneLonger_isRefusedAsTooLong_notAsInvalid() {
    String longest = "{\"n\":" + "9".repeat(1000) + "}";
    String tooLong = "{\"n\":" + "9".repeat(5000) + ",\"a\":1}";

    assertThat(read(longest, "n").get("n").kind()).isEqualTo(JsonValue.Kind.NUMBER);
    assertThat(refusal(tooLong)).isEqualTo("the body has a number longer than 1000 characters");
  }

  @Test
  void aMemberNameLongerThanTheLimit_isRefusedAsTooLong() {
    String json = "{\"" + "n".repeat(50_001) + "\":1}";

    assertThat(refusal(json)).isEqualTo("the body has a member name longer than 50000 characters");
  }

  @Test
  void anythingButAnObject_isRefusedSayingWhatItWas() {
    assertThat(refusal("[1]")).isEqualTo("the body must be a JSON object, not an array");
    assertThat(refusal("\"text\"")).isEqualTo("the body must be a JSON object, not a string");
    assertThat(refusal("")).startsWith("the body is not valid JSON");
  }

  @Test
  void malformedJson_isRefused() {
    assertThat(refusal("{\"a\":}")).startsWith("the body is not valid JSON");
    assertThat(refusal("{\"a\":1")).startsWith("the body is not valid JSON");
    assertThat(refusal("{'a':1}")).startsWith("the body is not valid JSON");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`{\"issue\":{\"title\":\"abc`     | near $.issue.title: a string is not closed",
        "`{\"issue\":{\"title\":'abc'}}` | near $.issue.title: there is something strict JSON",
        "`{\"a\":}`                     | near $.a: a value is missing",
        "`{\"a\":1,}`                   | near $: a key is missing or not in double quotes",
        "`{\"a\" 1}`                    | near $.a: a ':' is missing after a key",
        "`{\"a\":\"\\q\"}`               | near $.a: a string has an invalid escape sequence",
        "`{\"a\":[1,2`                  | near $.a[2]: it ends before the JSON does",
        "`{\"x\":{\"y\":tru}}`             | near $.x.y: there is something strict JSON does not",
        "``                            | near $: it ends before the JSON does",
      })
  void malformedJson_isDescribedInPlainWords_withoutTheParsersAdvice(String json, String where) {

    String detail = refusal(json);

    assertThat(detail).startsWith("the body is not valid JSON " + where);
    assertThat(detail).doesNotContain("setLenient", "JsonReader", "path $");
  }

  @Test
  void wrongTypes_areNamedByField() {
    JsonFields fields = read("{\"n\":\"1\",\"s\":1,\"f\":1.5,\"o\":{}}", "n", "s", "f", "o");

    assertThat(problem(() -> fields.requireWholeNumber("n")))
        .isEqualTo("n must be a whole number, was a string");
    assertThat(problem(() -> fields.requireString("s")))
        .isEqualTo("s must be a string, was a number");
    assertThat(problem(() -> fields.requireWholeNumber("f")))
        .isEqualTo("f must be a whole number, was 1.5");
    assertThat(problem(() -> fields.optionalString("o")))
        .isEqualTo("o must be a string, was an object");
    assertThat(problem(() -> fields.requireString("missing"))).isEqualTo("missing is missing");
    assertThat(fields.lenientString("s")).isNull();
  }

  @Test
  void nullRequiredField_saysItIsNull() {
    JsonFields fields = read("{\"title\":null}", "title");

    assertThat(problem(() -> fields.requireString("title"))).isEqualTo("title is null");
  }

  @Test
  void lineNumberBeyondAnInt_isRefused() {
    JsonFields fields = read("{\"line\":99999999999}", "line");

    assertThat(problem(() -> fields.optionalInt("line")))
        .isEqualTo("line is out of range: 99999999999");
  }

  @Test
  void aPathThroughSomethingOtherThanAnObject_isNamedByTheStrictGetters() {
    JsonFields fields =
        read(
            "{\"sender\":7,\"issue\":[1],\"labels\":{}}",
            "sender.login",
            "issue.title",
            "labels[].name");

    assertThat(problem(() -> fields.optionalString("sender.login")))
        .isEqualTo("sender must be an object, was a number");
    assertThat(problem(() -> fields.requireString("issue.title")))
        .isEqualTo("issue must be an object, was an array");
    assertThat(problem(() -> fields.strings("labels[].name")))
        .isEqualTo("labels must be an array, was an object");
    assertThat(fields.lenientString("sender.login")).isNull();
  }

  @Test
  void nullOnTheWay_isJustAbsent() {
    JsonFields fields = read("{\"sender\":null}", "sender.login");

    assertThat(fields.optionalString("sender.login")).isNull();
  }

  @Test
  void aByteOrderMark_isRefused() {
    byte[] json = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};

    assertThat(problem(() -> JsonFieldReader.read(json, Set.of("a"))))
        .isEqualTo("the body starts with a byte order mark; send UTF-8 JSON without one");
  }

  @Test
  void bytesThatAreNotUtf8_areRefused_ratherThanReadAsReplacementCharacters() {
    byte[] json = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThat(problem(() -> JsonFieldReader.read(json, Set.of("a"))))
        .startsWith("the body is not valid UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
  void jsonInAnotherUnicodeEncoding_isRefused_notDetectedAndRead(String encoding) {
    byte[] json = "{\"a\":\"b\"}".getBytes(java.nio.charset.Charset.forName(encoding));

    assertThat(problem(() -> JsonFieldReader.read(json, Set.of("a"))))
        .startsWith("the body has a zero byte (at byte ")
        .endsWith("); send UTF-8 JSON");
  }

  @Test
  void escapedOddCharacters_areReadExactly() {
    JsonFields fields = read("{\"a\":\"\\u0000\\ud800\\u202e\"}", "a");

    assertThat(fields.requireString("a")).isEqualTo("\u0000\ud800\u202e");
  }

  private static JsonFields read(String json, String... wanted) {
    return JsonFieldReader.read(json.getBytes(StandardCharsets.UTF_8), Set.of(wanted));
  }

  private static String refusal(String json) {
    return problem(() -> read(json, "a"));
  }

  private static String problem(Runnable reading) {
    ProblemException refused = catchThrowableOfType(ProblemException.class, reading::run);
    assertThat(refused).as("a 400 problem").isNotNull();
    assertThat(refused.problem().status()).isEqualTo(400);
    return refused.problem().detail();
  }
}
