package io.millrace.it;

import static io.millrace.it.Fixtures.created;
import static io.millrace.it.Fixtures.postgresConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Bad input at scale: random and malformed requests to every operation of the OpenAPI document the
 * server serves. Whatever comes in, the answer is never a 5xx, every error is problem+json with a
 * detail, and a 4xx leaves users, API keys, connections, projects and tasks as they were. One
 * server for the whole run; {@code -Djqwik.tries.default=N} sets how many requests it sends.
 */
class RestApiFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Ends the caller's session: a fuzzed request must not sign the test itself out. */
    private static final List<String> SKIPPED = List.of("POST /v1/auth/logout");

    private static EmbeddedPostgres postgres;
    private static MillraceServer server;
    private static String token;
    private static JsonNode openApi;
    private static List<Operation> operations;
    /** Ids that exist, by path parameter name, so that requests also reach past the lookups. */
    private static Map<String, List<String>> existing;

    private static Map<String, JsonNode> state;

    /** An operation of the OpenAPI document. */
    record Operation(
            String method,
            String path,
            List<String> pathParameters,
            List<String> queryParameters,
            Optional<JsonNode> bodySchema,
            Optional<String> consumes) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One request as sent; its toString is what a failure report shows. */
    record Request(String method, String path, Optional<String> contentType, byte[] body, String accept) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "...(" + path.length() + ")" : path)
                    + " [" + contentType.orElse("no content type") + ", accept " + accept + "] "
                    + (text.length() > 300 ? text.substring(0, 300) + "...(" + body.length + " bytes)" : text);
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        execute(
                "CREATE DATABASE fuzz_target",
                "CREATE SCHEMA fuzz",
                "CREATE TABLE fuzz.items (id int PRIMARY KEY, name text)",
                "INSERT INTO fuzz.items VALUES (1, 'one'), (2, 'two')");
        server = MillraceServer.install(SharedServer.newHome("fuzz"));
        token = Api.anonymous(server)
                .post("/api/v1/auth/login", Map.of("username", "admin", "password", server.adminPassword()))
                .json()
                .path("token")
                .asText();
        Api admin = Api.anonymous(server).withBearer(token);
        created(admin.post(
                "/api/v1/users",
                Map.of("username", "fuzz-viewer", "password", "a long enough password", "roles", List.of("user"))));
        String key = created(admin.post("/api/v1/api-keys", Map.of("name", "fuzz key")));
        String source =
                created(admin.post("/api/v1/connections", postgresConnection("fuzz source", postgres, "postgres")));
        String target =
                created(admin.post("/api/v1/connections", postgresConnection("fuzz target", postgres, "fuzz_target")));
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "fuzz", "type", "replication", "targetConnection", target)));
        String landing = created(admin.post(
                "/api/v1/projects/" + project + "/tasks",
                Map.of(
                        "name", "land",
                        "type", "landing",
                        "sourceConnection", source,
                        "tables", Map.of("include", List.of("fuzz.%")),
                        "mode", "full-load")));
        String storage = created(admin.post(
                "/api/v1/projects/" + project + "/tasks",
                Map.of("name", "store", "type", "storage", "storage", Map.of("landingTask", landing))));
        // Land the tables once: an apply of a storage task whose landing tables do not exist yet
        // waits for them in the request (reported for the engine), which would stall the run.
        String tasks = "/api/v1/projects/" + project + "/tasks/";
        assertThat(admin.post("/api/v1/projects/" + project + "/actions/start", Map.of())
                        .status())
                .isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(admin.get(tasks + landing + "/status")
                                .json()
                                .findValuesAsText("rowsLoaded")
                                .equals(List.of("2"))
                        && admin.get(tasks + storage + "/status")
                                .json()
                                .path("state")
                                .asText()
                                .equals("running"))
                && System.nanoTime() < deadline) {
            MillraceServer.sleep(Duration.ofMillis(200));
        }
        assertThat(admin.get(tasks + landing + "/status").json().findValuesAsText("rowsLoaded"))
                .containsExactly("2");
        assertThat(admin.get(tasks + storage + "/status").json().path("state").asText())
                .isEqualTo("running");
        assertThat(admin.post("/api/v1/projects/" + project + "/actions/stop", Map.of())
                        .status())
                .isEqualTo(200);
        existing = Map.of(
                "id", List.of(source, target, project, key, "postgres", "h2"),
                "taskId", List.of(landing, storage),
                "username", List.of("admin", "fuzz-viewer"),
                "symbolicName", List.of("io.millrace.connector.h2", "io.millrace.rest"));
        openApi = admin.get("/api/v1/openapi.json").json();
        operations = operations(openApi);
        assertThat(operations).hasSizeGreaterThan(30);
        state = snapshot();
    }

    @AfterContainer
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Property
    void noRequestFailsTheServerOrChangesStateWhenRefused(@ForAll("requests") Request request) {
        check(request);
    }

    @Provide
    Arbitrary<Request> requests() {
        return Arbitraries.of(operations)
                .flatMap(operation -> Combinators.combine(
                                path(operation), contentType(operation), body(operation), method(operation), accept())
                        .as((path, type, body, method, accept) -> new Request(method, path, type, body, accept)));
    }

    /** Sends the request and checks the answer; returns it for examples that check more. */
    static HttpResponse<byte[]> check(Request request) {
        HttpResponse<byte[]> response = send(request);
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String answer = request + " answered " + status + " "
                + response.headers().firstValue("Content-Type").orElse("") + " "
                + (body.length() > 500 ? body.substring(0, 500) : body);
        assertThat(status).as(answer).isLessThan(500);
        boolean refusedByJetty = status == 400 && refusedByHttpServer(request.path());
        if (status >= 400 && !request.method().equals("HEAD") && !refusedByJetty) {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as(answer)
                    .startsWith("application/problem+json");
            JsonNode problem = parse(body);
            assertThat(problem.path("detail").asText()).as(answer).isNotBlank();
            assertThat(problem.path("status").asInt()).as(answer).isEqualTo(status);
        }
        Map<String, JsonNode> now = snapshot();
        if (status >= 400) {
            assertThat(now).as("%s, yet changed stored state", answer).isEqualTo(state);
        }
        state = now;
        return response;
    }

    /**
     * Jetty refuses paths with empty segments, encoded control characters, '%', '/', '\\' or '.', or with bad UTF-8,
     * before any servlet sees them (ambiguous URIs, a defence against path tricks): 400 with Jetty's
     * own body, not problem+json.
     */
    static boolean refusedByHttpServer(String path) {
        String raw = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (raw.contains("//")) {
            return true; // an empty segment
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int b = Integer.parseInt(raw.substring(i + 1, i + 3), 16);
                if (b < 0x20 || b == 0x7f || b == '%' || b == '/' || b == '\\' || b == '.') {
                    return true;
                }
                bytes.write(b);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return false;
        } catch (java.nio.charset.CharacterCodingException e) {
            return true;
        }
    }

    // --- what is sent -----------------------------------------------------------------------

    private static Arbitrary<String> method(Operation operation) {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(operation.method())),
                Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")));
    }

    private static Arbitrary<String> path(Operation operation) {
        List<Arbitrary<String>> values = new ArrayList<>();
        for (String parameter : operation.pathParameters()) {
            List<String> ids =
                    operation.method().equals("DELETE") ? List.of() : existing.getOrDefault(parameter, List.of());
            values.add(
                    ids.isEmpty()
                            ? pathValue()
                            : Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of(ids)), Tuple.of(3, pathValue())));
        }
        Arbitrary<List<String>> filled = values.isEmpty()
                ? Arbitraries.just(List.of())
                : Combinators.combine(values).as(List::copyOf);
        Arbitrary<String> query = operation.queryParameters().isEmpty()
                ? Arbitraries.just("")
                : Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.just("")),
                        Tuple.of(
                                1,
                                pathValue()
                                        .map(value -> "?"
                                                + operation.queryParameters().get(0) + "=" + value)));
        return Combinators.combine(filled, query, mangling()).as((filledValues, queryString, mangle) -> {
            String path = "/api" + operation.path();
            Iterator<String> next = filledValues.iterator();
            for (String parameter : operation.pathParameters()) {
                path = path.replace("{" + parameter + "}", next.next());
            }
            return mangle.replace("{}", path) + queryString;
        });
    }

    /** Most paths as the document says; some with extra, doubled or encoded segments. */
    private static Arbitrary<String> mangling() {
        return Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.just("{}")),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "{}/",
                                "{}/extra",
                                "{}//",
                                "{};jsessionid=1",
                                "{}/%2e%2e",
                                "{}/..",
                                "{}%00",
                                "{}/%2F",
                                "{}/%E2%80%AE",
                                "{}/%F0%9F%98%80",
                                "/api//{}",
                                "{}.json",
                                "{}/%20")));
    }

    /** A path segment: percent-encoded as UTF-8, or (some of the time) sent raw. */
    private static Arbitrary<String> pathValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, weirdString(3000).map(value -> URLEncoderPath.encode(value))),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "", "..", ".", "%2e%2e", "%2F", "%00", "%5C", "%25", "a;b=c", "%C0%AE", "%FF",
                                "x%0Ay")));
    }

    private static Arbitrary<String> accept() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just("application/json, application/problem+json")),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "application/xml",
                                "text/html; q=\"",
                                "*/*;q=abc",
                                "*/*",
                                "application/*",
                                "text/plain")));
    }

    private static Arbitrary<Optional<String>> contentType(Operation operation) {
        String declared = operation.consumes().orElse("application/json");
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just(Optional.of(declared))),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                        "text/plain",
                                        "application/xml",
                                        "multipart/form-data",
                                        "multipart/form-data; boundary=x",
                                        "application/x-www-form-urlencoded",
                                        "application/octet-stream",
                                        "application/java-archive",
                                        "application/json; charset=utf-16",
                                        "application/json; charset=nope",
                                        "application/problem+json",
                                        "garbage",
                                        "*/*",
                                        "application/json;;;",
                                        "text/html; charset=\"")
                                .map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.empty())));
    }

    private static Arbitrary<byte[]> body(Operation operation) {
        Arbitrary<byte[]> text = Arbitraries.frequencyOf(
                        Tuple.of(
                                operation.bodySchema().isPresent() ? 8 : 0,
                                operation
                                        .bodySchema()
                                        .map(schema -> schemaValue(schema, 0))
                                        .orElse(Arbitraries.just(NODES.nullNode()))
                                        .map(RestApiFuzzTest::write)),
                        Tuple.of(2, jsonValue(2).map(RestApiFuzzTest::write)),
                        Tuple.of(
                                2,
                                Arbitraries.of(
                                        "{",
                                        "{\"name\":",
                                        "[",
                                        "{\"a\":1,}",
                                        "nul",
                                        "{'name':'x'}",
                                        "\u0000",
                                        "{\"name\":\"\\uD800\"}",
                                        "{\"name\":\"\\u0000\"}",
                                        "[".repeat(5000) + "]".repeat(5000),
                                        "{\"n\":" + "9".repeat(2000) + "}",
                                        "{\"name\":1e999999}",
                                        "\uFEFF{}",
                                        "{} {}",
                                        "<xml/>")),
                        Tuple.of(3, Arbitraries.just("")))
                .map(value -> value.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                Tuple.of(12, text),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(
                        1, Arbitraries.integers().between(65 * 1024, 200 * 1024).map(size -> huge(size))));
    }

    private static byte[] huge(int size) {
        return ("{\"name\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A value that fits the schema some of the time, and is of another type the rest. */
    private static Arbitrary<JsonNode> schemaValue(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        Arbitrary<JsonNode> fitting = fitting(resolved, depth);
        return Arbitraries.frequencyOf(Tuple.of(5, fitting), Tuple.of(1, jsonValue(1)));
    }

    private static Arbitrary<JsonNode> fitting(JsonNode schema, int depth) {
        String type = schema.path("type").asText("object");
        switch (type) {
            case "string":
                return Arbitraries.frequencyOf(
                                Tuple.of(3, weirdString(80_000)),
                                Tuple.of(
                                        2,
                                        Arbitraries.of(existing.values().stream()
                                                .flatMap(List::stream)
                                                .toList())),
                                Tuple.of(
                                        1,
                                        Arbitraries.of(
                                                "landing",
                                                "storage",
                                                "replication",
                                                "pipeline",
                                                "full-load",
                                                "full-load+cdc",
                                                "postgres",
                                                "h2",
                                                "2026-01-01T00:00:00Z",
                                                "fuzz.%",
                                                "0 2 * * *",
                                                "* * * * * * *")))
                        .map(value -> (JsonNode) NODES.textNode(value));
            case "integer":
                return Arbitraries.oneOf(
                                Arbitraries.longs().map(NODES::numberNode),
                                Arbitraries.of(0L, -1L, 1L, (long) Integer.MAX_VALUE + 1, Long.MIN_VALUE)
                                        .map(NODES::numberNode))
                        .map(node -> (JsonNode) node);
            case "number":
                return Arbitraries.doubles().map(value -> (JsonNode) NODES.numberNode(value));
            case "boolean":
                return Arbitraries.of(true, false).map(value -> (JsonNode) NODES.booleanNode(value));
            case "array":
                if (depth > 3) {
                    return Arbitraries.just(NODES.arrayNode());
                }
                return schemaValue(schema.path("items"), depth + 1)
                        .list()
                        .ofMaxSize(3)
                        .map(items -> {
                            ArrayNode array = NODES.arrayNode();
                            items.forEach(array::add);
                            return (JsonNode) array;
                        });
            default:
                if (depth > 3) {
                    return Arbitraries.just(NODES.objectNode());
                }
                if (schema.has("properties")) {
                    List<Arbitrary<Optional<Map.Entry<String, JsonNode>>>> fields = new ArrayList<>();
                    schema.path("properties")
                            .fields()
                            .forEachRemaining(property -> fields.add(schemaValue(property.getValue(), depth + 1)
                                    .map(value -> Map.entry(property.getKey(), value))
                                    .optional(0.85)));
                    fields.add(Combinators.combine(weirdString(30), jsonValue(0))
                            .as(Map::entry)
                            .optional(0.1));
                    return Combinators.combine(fields).as(entries -> {
                        ObjectNode object = NODES.objectNode();
                        entries.forEach(entry -> entry.ifPresent(e -> object.set(e.getKey(), e.getValue())));
                        return (JsonNode) object;
                    });
                }
                Arbitrary<JsonNode> values = schema.has("additionalProperties")
                        ? schemaValue(schema.path("additionalProperties"), depth + 1)
                        : jsonValue(0);
                return Arbitraries.maps(weirdString(200), values).ofMaxSize(4).map(map -> {
                    ObjectNode object = NODES.objectNode();
                    map.forEach(object::set);
                    return (JsonNode) object;
                });
        }
    }

    private static Arbitrary<JsonNode> jsonValue(int depth) {
        List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> choices = new ArrayList<>(List.of(
                Tuple.of(3, weirdString(2000).map(value -> (JsonNode) NODES.textNode(value))),
                Tuple.of(2, Arbitraries.longs().map(value -> (JsonNode) NODES.numberNode(value))),
                Tuple.of(1, Arbitraries.doubles().map(value -> (JsonNode) NODES.numberNode(value))),
                Tuple.of(1, Arbitraries.of(true, false).map(value -> (JsonNode) NODES.booleanNode(value))),
                Tuple.of(1, Arbitraries.just((JsonNode) NODES.nullNode()))));
        if (depth > 0) {
            choices.add(Tuple.of(
                    1,
                    Arbitraries.lazy(() -> jsonValue(depth - 1))
                            .list()
                            .ofMaxSize(3)
                            .map(items -> {
                                ArrayNode array = NODES.arrayNode();
                                items.forEach(array::add);
                                return (JsonNode) array;
                            })));
            choices.add(Tuple.of(
                    1,
                    Arbitraries.maps(weirdString(40), Arbitraries.lazy(() -> jsonValue(depth - 1)))
                            .ofMaxSize(3)
                            .map(map -> {
                                ObjectNode object = NODES.objectNode();
                                map.forEach(object::set);
                                return (JsonNode) object;
                            })));
        }
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    /** Control characters, quotes, emoji and CJK, right-to-left marks, SQL, and now and then a huge one. */
    private static Arbitrary<String> weirdString(int maxHuge) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('\u0000', '\u001f')
                                .withChars("'\";\\`$%{}[]<>&|*?/.:_-=+ ")
                                .alpha()
                                .ofMaxLength(30)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "",
                                " ",
                                "null",
                                "0",
                                "-1",
                                "true",
                                "..",
                                "../../etc/passwd",
                                "a/b",
                                "%",
                                "\u0000",
                                "a\u0000b",
                                "'; DROP TABLE users; --",
                                "' OR '1'='1",
                                "\"quoted\"",
                                "back\\slash",
                                "😀🚀",
                                "中文表名",
                                "Ω≈ç√",
                                "\uFEFF",
                                "\u202Eevil",
                                "${jndi:ldap://localhost/x}",
                                "NaN",
                                "1e309",
                                "\uD800",
                                "public.%",
                                "%.%")),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(256).ofMaxLength(Math.max(256, maxHuge))));
    }

    // --- the server ------------------------------------------------------------------------

    private static HttpResponse<byte[]> send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(request.path()))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", request.accept());
        request.contentType().ifPresent(type -> builder.header("Content-Type", type));
        builder.method(
                request.method(),
                request.body().length == 0 && request.contentType().isEmpty()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            try {
                return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                // Jetty closed a kept-alive connection as the request went out on it: no answer
                // came, so the request did not reach the API. A server that fails fails again.
                return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Users, API keys, connections, projects and every project's tasks, as the API lists them. */
    private static Map<String, JsonNode> snapshot() {
        Api admin = Api.anonymous(server).withBearer(token);
        Map<String, JsonNode> snapshot = new LinkedHashMap<>();
        for (String listing : List.of("/api/v1/users", "/api/v1/api-keys", "/api/v1/connections", "/api/v1/projects")) {
            Api.Response response = admin.get(listing);
            assertThat(response.status()).as("%s: %s", listing, response.body()).isEqualTo(200);
            snapshot.put(listing, response.json());
        }
        for (JsonNode project : snapshot.get("/api/v1/projects")) {
            String tasks = "/api/v1/projects/" + project.path("id").asText() + "/tasks";
            snapshot.put(tasks, admin.get(tasks).json());
        }
        return snapshot;
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> found = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
                    String method = entry.getKey().toUpperCase(java.util.Locale.ROOT);
                    JsonNode operation = entry.getValue();
                    List<String> pathParameters = new ArrayList<>();
                    List<String> queryParameters = new ArrayList<>();
                    for (JsonNode parameter : operation.path("parameters")) {
                        (parameter.path("in").asText().equals("path") ? pathParameters : queryParameters)
                                .add(parameter.path("name").asText());
                    }
                    JsonNode content = operation.path("requestBody").path("content");
                    Optional<String> consumes = content.fieldNames().hasNext()
                            ? Optional.of(content.fieldNames().next())
                            : Optional.empty();
                    Optional<JsonNode> schema = consumes.filter(type -> type.contains("json"))
                            .map(type -> content.path(type).path("schema"));
                    if (!SKIPPED.contains(method + " " + path.getKey())) {
                        found.add(new Operation(
                                method, path.getKey(), pathParameters, queryParameters, schema, consumes));
                    }
                }));
        return found;
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            String name = resolved.path("$ref").asText().replace("#/components/schemas/", "");
            resolved = openApi.path("components").path("schemas").path(name);
        }
        return resolved;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    private static void execute(String... statements) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Percent-encodes a path segment: everything but RFC 3986's unreserved characters, as UTF-8. */
    static final class URLEncoderPath {
        private URLEncoderPath() {}

        static String encode(String value) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "-._~".indexOf(c) >= 0) {
                    encoded.append((char) c);
                } else {
                    encoded.append('%')
                            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
                }
            }
            return encoded.toString();
        }
    }

    @Example
    void theOpenApiDocumentListsTheOperationsThatAreFuzzed() {
        assertThat(operations)
                .extracting(Operation::toString)
                .contains("POST /v1/projects/{id}/tasks", "PUT /v1/connections/{id}", "POST /v1/users");
    }

    // Regressions: what the fuzzing found, each once a 5xx or a bare error without a problem body.

    @Example
    void aVersionThatIsNotOneIsABadRequest() {
        assertProblem(
                new Request("POST", "/api/v1/connectors/postgres/test?version=!", json(), "{}".getBytes(), ACCEPT),
                400,
                "'!' is not a version");
        assertProblem(
                new Request(
                        "DELETE",
                        "/api/v1/bundles/io.millrace.nothing?version=x.y",
                        Optional.empty(),
                        new byte[0],
                        ACCEPT),
                400,
                "'x.y' is not a version");
    }

    @Example
    void aContentTypeThatCannotBeParsedIsAProblem() {
        assertProblem(
                new Request("POST", "/api/v1/api-keys", Optional.of("text/html; charset=\""), "{}".getBytes(), ACCEPT),
                400,
                "The Content-Type header");
        assertProblem(
                new Request("GET", "/api/v1/auth/me", Optional.empty(), new byte[0], "text/html; q=\""),
                400,
                "The Accept header");
    }

    private static final String ACCEPT = "application/json, application/problem+json";

    private static Optional<String> json() {
        return Optional.of("application/json");
    }

    private static void assertProblem(Request request, int status, String detail) {
        HttpResponse<byte[]> response = check(request);
        assertThat(response.statusCode()).as(request.toString()).isEqualTo(status);
        assertThat(parse(new String(response.body(), StandardCharsets.UTF_8))
                        .path("detail")
                        .asText())
                .contains(detail);
    }
}
