package io.webhookagents.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the router describe the same operations, each with its token rule. */
class OpenApiDocumentTest {
  private static final Set<String> OPERATIONS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final String text =
      new String(StaticHandler.resource(Routes.OPENAPI_RESOURCE), StandardCharsets.UTF_8);
  private final Map<String, Object> document = TestJson.object(text);
  private final Map<String, Route> routes = router().table();

  @Test
  void document_isOpenApi3_withBearerSecurity() {

    Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));

    assertThat((String) document.get("openapi")).startsWith("3.0.");
    assertThat(map(schemes.get("bearerAuth")))
        .containsEntry("type", "http")
        .containsEntry("scheme", "bearer");
    assertThat(document.get("security")).isEqualTo(List.of(Map.of("bearerAuth", List.of())));
    assertThat(map(map(document.get("components")).get("schemas")))
        .containsKeys("Agent", "Problem");
  }

  @Test
  void everyRoutedOperation_isDocumented() {

    Set<String> documented = documentedOperations();

    assertThat(documented).containsAll(routedOperations());
  }

  @Test
  void everyDocumentedOperation_isRouted() {

    Set<String> routed = routedOperations();

    assertThat(routed).containsAll(documentedOperations());
  }

  @Test
  void everyGetRoute_answersHeadToo_soTheDocumentLeavesHeadImplied() {
    for (Map.Entry<String, Route> route : routes.entrySet()) {
      Set<HttpString> methods = route.getValue().handlers().keySet();

      assertThat(methods.contains(Methods.HEAD))
          .as(route.getKey())
          .isEqualTo(methods.contains(Methods.GET));
    }
  }

  @Test
  void everyOperation_needsTheTokenExactlyWhenTheDocumentSaysSo() {
    for (Map.Entry<String, Route> route : routes.entrySet()) {
      for (String method : methods(route.getValue())) {
        Map<String, Object> operation = operation(route.getKey(), method);

        Object security = operation.getOrDefault("security", document.get("security"));

        assertThat(!((List<?>) security).isEmpty())
            .as(method + " " + route.getKey() + " needs the token")
            .isEqualTo(route.getValue().needsToken());
      }
    }
  }

  @Test
  void everyOperation_documentsItsResponses_andTheAgentIdItsPathTakes() {
    for (String operation : documentedOperations()) {
      String[] methodAndPath = operation.split(" ", 2);
      Map<String, Object> described = operation(methodAndPath[1], methodAndPath[0]);

      assertThat(map(described.get("responses"))).as(operation).isNotEmpty();
      assertThat(described.get("operationId")).as(operation).isNotNull();
      if (methodAndPath[1].contains("{id}")) {
        assertThat(String.valueOf(described.get("parameters")))
            .as(operation)
            .contains("#/components/parameters/AgentId");
      }
    }
  }

  @Test
  void everyReference_namesSomethingTheDocumentHolds() {
    List<String> references = new ArrayList<>();
    collectReferences(document, references);

    assertThat(references).isNotEmpty();
    for (String reference : references) {
      assertThat(reference).startsWith("#/");
      Object target = document;
      for (String step : reference.substring(2).split("/")) {
        target = map(target).get(step);
        assertThat(target).as(reference).isNotNull();
      }
    }
  }

  @Test
  void document_isServedAsJson_withoutTheToken() {
    HttpSettings withToken =
        TestServer.settings(TestServer.SECRET, "a-token", HttpSettings.DEFAULT_MAX_BODY_BYTES);
    try (TestServer http = TestServer.start(withToken)) {

      HttpResponse<String> response = http.get("/openapi.json");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(response.body()).isEqualTo(text);
    }
  }

  @Test
  void unknownPaths_are404_andTheNewPathsRefuseOtherMethodsWith405() {
    try (TestServer http = TestServer.start()) {

      HttpResponse<String> unknown = http.get("/dashboard.js");
      HttpResponse<String> postPage = http.post("/", "{}");
      HttpResponse<String> postDocument = http.post("/openapi.json", "{}");

      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(postPage.statusCode()).isEqualTo(405);
      assertThat(postPage.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(postDocument.statusCode()).isEqualTo(405);
    }
  }

  private Set<String> routedOperations() {
    Set<String> operations = new TreeSet<>();
    routes.forEach((path, route) -> methods(route).forEach(m -> operations.add(m + " " + path)));
    return operations;
  }

  private Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    map(document.get("paths"))
        .forEach(
            (path, item) ->
                map(item).keySet().stream()
                    .filter(OPERATIONS::contains)
                    .forEach(m -> operations.add(m.toUpperCase(Locale.ROOT) + " " + path)));
    return operations;
  }

  private Map<String, Object> operation(String path, String method) {
    Map<String, Object> item = map(map(document.get("paths")).get(path));
    assertThat(item).as(path + " is documented").isNotNull();
    Map<String, Object> operation = map(item.get(method.toLowerCase(Locale.ROOT)));
    assertThat(operation).as(method + " " + path + " is documented").isNotNull();
    return operation;
  }

  /** The methods a route takes, less HEAD, which every GET route answers too. */
  private static Set<String> methods(Route route) {
    Set<String> methods = new TreeSet<>();
    for (HttpString method : route.handlers().keySet()) {
      if (!method.equals(Methods.HEAD)) {
        methods.add(method.toString());
      }
    }
    return methods;
  }

  private static void collectReferences(Object node, List<String> references) {
    if (node instanceof Map<?, ?> object) {
      object.forEach(
          (key, value) -> {
            if ("$ref".equals(key)) {
              references.add((String) value);
            } else {
              collectReferences(value, references);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(value -> collectReferences(value, references));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static Router router() {
    return Routes.router(
        TestServer.allSources(),
        new WebhookGate(),
        new Routes.UseCases(
            new FakeReceiveWebhook(),
            new FakeQueryAgents(),
            new FakeQueryDeliveries(),
            new FakeChangeAgents(),
            new FakeReadiness(),
            new TestClock(TestServer.NOW),
            new FakeScrapeMetrics()),
        HttpServer.BODY_DEADLINE,
        BodyMemory.forHeap(Runtime.getRuntime().maxMemory()));
  }
}
