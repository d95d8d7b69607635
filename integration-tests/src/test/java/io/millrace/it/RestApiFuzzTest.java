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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input at scale: random and malformed requests to every operation of the OpenAPI document the
 * server serves. Whatever comes in, the answer is never a 5xx, every error is problem+json with a
 * detail, and a 4xx leaves users, API keys, connections, projects and tasks as they were. One
 * server for the whole run.
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

    @BeforeAll
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

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * {@code -Dmillrace.fuzz.tries=N} sends N requests (300 by default); {@code
     * -Dmillrace.fuzz.seed=S} repeats the run a failure names.
     */
    @Test
    void noRequestFailsTheServerOrChangesStateWhenRefused() {
        long seed = Long.getLong("millrace.fuzz.seed", new Random().nextLong());
        int tries = Integer.getInteger("millrace.fuzz.tries", 300);
        RequestGenerator requests = new RequestGenerator(seed);
        for (int attempt = 1; attempt <= tries; attempt++) {
            Request request = requests.next();
            try {
                check(request);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "Request " + attempt + " of seed " + seed + " (-Dmillrace.fuzz.seed=" + seed
                                + " sends the same requests): " + e.getMessage(),
                        e);
            }
        }
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

    /**
     * Draws requests from one seeded {@link Random}, so that a seed names a whole run: the same seed
     * against the same server sends the same requests in the same order.
     */
    static final class RequestGenerator {
        private final Random random;

        RequestGenerator(long seed) {
            this.random = new Random(seed);
        }

        Request next() {
            Operation operation = pick(operations);
            String method = random.nextInt(13) < 12
                    ? operation.method()
                    : pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"));
            return new Request(method, path(operation), contentType(operation), body(operation), accept());
        }

        private String path(Operation operation) {
            String path = "/api" + operation.path();
            for (String parameter : operation.pathParameters()) {
                List<String> ids =
                        operation.method().equals("DELETE") ? List.of() : existing.getOrDefault(parameter, List.of());
                String value = !ids.isEmpty() && random.nextInt(5) < 2 ? pick(ids) : pathValue();
                path = path.replace("{" + parameter + "}", value);
            }
            String query = !operation.queryParameters().isEmpty() && random.nextInt(3) == 0
                    ? "?" + operation.queryParameters().get(0) + "=" + pathValue()
                    : "";
            return mangling().replace("{}", path) + query;
        }

        /** Most paths as the document says; some with extra, doubled or encoded segments. */
        private String mangling() {
            return random.nextInt(21) < 20
                    ? "{}"
                    : pick(List.of(
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
                            "{}/%20"));
        }

        /** A path segment: percent-encoded as UTF-8, or (some of the time) sent raw. */
        private String pathValue() {
            return random.nextInt(7) < 6
                    ? URLEncoderPath.encode(weirdString(3000))
                    : pick(List.of(
                            "", "..", ".", "%2e%2e", "%2F", "%00", "%5C", "%25", "a;b=c", "%C0%AE", "%FF", "x%0Ay"));
        }

        private String accept() {
            return random.nextInt(13) < 12
                    ? "application/json, application/problem+json"
                    : pick(List.of(
                            "application/xml", "text/html; q=\"", "*/*;q=abc", "*/*", "application/*", "text/plain"));
        }

        private Optional<String> contentType(Operation operation) {
            int roll = random.nextInt(14);
            if (roll < 10) {
                return Optional.of(operation.consumes().orElse("application/json"));
            }
            if (roll == 13) {
                return Optional.empty();
            }
            return Optional.of(pick(List.of(
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
                    "text/html; charset=\"")));
        }

        private byte[] body(Operation operation) {
            int roll = random.nextInt(14);
            if (roll == 12) {
                byte[] bytes = new byte[random.nextInt(301)];
                random.nextBytes(bytes);
                return bytes;
            }
            if (roll == 13) {
                int size = 65 * 1024 + random.nextInt(135 * 1024 + 1);
                return ("{\"name\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
            }
            return text(operation).getBytes(StandardCharsets.UTF_8);
        }

        private String text(Operation operation) {
            int weightOfSchema = operation.bodySchema().isPresent() ? 8 : 0;
            int roll = random.nextInt(weightOfSchema + 7);
            if (roll < weightOfSchema) {
                return write(schemaValue(operation.bodySchema().orElseThrow(), 0));
            }
            roll -= weightOfSchema;
            if (roll < 2) {
                return write(jsonValue(2));
            }
            if (roll < 4) {
                return pick(List.of(
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
                        "<xml/>"));
            }
            return "";
        }

        /** A value that fits the schema five times out of six, and is of any type the rest. */
        private JsonNode schemaValue(JsonNode schema, int depth) {
            return random.nextInt(6) < 5 ? fitting(resolve(schema), depth) : jsonValue(1);
        }

        private JsonNode fitting(JsonNode schema, int depth) {
            switch (schema.path("type").asText("object")) {
                case "string":
                    int roll = random.nextInt(6);
                    if (roll < 3) {
                        return NODES.textNode(weirdString(80_000));
                    }
                    if (roll < 5) {
                        return NODES.textNode(pick(
                                existing.values().stream().flatMap(List::stream).toList()));
                    }
                    return NODES.textNode(pick(List.of(
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
                            "* * * * * * *")));
                case "integer":
                    long integer = random.nextBoolean()
                            ? random.nextLong()
                            : pick(List.of(0L, -1L, 1L, (long) Integer.MAX_VALUE + 1, Long.MIN_VALUE));
                    return NODES.numberNode(integer);
                case "number":
                    double number = random.nextInt(4) == 0
                            ? pick(List.of(Double.MAX_VALUE, -0.0, Double.MIN_VALUE, 1e-300))
                            : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40));
                    return NODES.numberNode(number);
                case "boolean":
                    return NODES.booleanNode(random.nextBoolean());
                case "array":
                    ArrayNode array = NODES.arrayNode();
                    if (depth <= 3) {
                        for (int i = random.nextInt(4); i > 0; i--) {
                            array.add(schemaValue(schema.path("items"), depth + 1));
                        }
                    }
                    return array;
                default:
                    ObjectNode object = NODES.objectNode();
                    if (depth > 3) {
                        return object;
                    }
                    if (schema.has("properties")) {
                        schema.path("properties").fields().forEachRemaining(property -> {
                            if (random.nextInt(100) < 85) {
                                object.set(property.getKey(), schemaValue(property.getValue(), depth + 1));
                            }
                        });
                        if (random.nextInt(10) == 0) {
                            object.set(weirdString(30), jsonValue(0));
                        }
                        return object;
                    }
                    for (int i = random.nextInt(5); i > 0; i--) {
                        object.set(
                                weirdString(200),
                                schema.has("additionalProperties")
                                        ? schemaValue(schema.path("additionalProperties"), depth + 1)
                                        : jsonValue(0));
                    }
                    return object;
            }
        }

        private JsonNode jsonValue(int depth) {
            int roll = random.nextInt(depth > 0 ? 10 : 8);
            if (roll < 3) {
                return NODES.textNode(weirdString(2000));
            }
            if (roll < 5) {
                return NODES.numberNode(random.nextLong());
            }
            switch (roll) {
                case 5:
                    return NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(300)));
                case 6:
                    return NODES.booleanNode(random.nextBoolean());
                case 7:
                    return NODES.nullNode();
                case 8:
                    ArrayNode array = NODES.arrayNode();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        array.add(jsonValue(depth - 1));
                    }
                    return array;
                default:
                    ObjectNode object = NODES.objectNode();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        object.set(weirdString(40), jsonValue(depth - 1));
                    }
                    return object;
            }
        }

        /**
         * Any UTF-16 units (lone surrogates too), control characters, quotes, emoji and CJK,
         * right-to-left marks, SQL, and now and then a huge one.
         */
        private String weirdString(int maxHuge) {
            int roll = random.nextInt(9);
            if (roll < 4) {
                return chars(random.nextInt(41), () -> (char) random.nextInt(Character.MAX_VALUE + 1));
            }
            if (roll < 6) {
                String alphabet = "'\";\\`$%{}[]<>&|*?/.:_-=+ abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
                return chars(
                        random.nextInt(31),
                        () -> random.nextInt(4) == 0
                                ? (char) random.nextInt(0x20)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (roll < 8) {
                return pick(List.of(
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
                        "%.%"));
            }
            return chars(256 + random.nextInt(Math.max(256, maxHuge) - 255), () -> (char) ('a' + random.nextInt(26)));
        }

        private static String chars(int length, java.util.function.Supplier<Character> next) {
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(next.get());
            }
            return text.toString();
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
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

    @Test
    void theOpenApiDocumentListsTheOperationsThatAreFuzzed() {
        assertThat(operations)
                .extracting(Operation::toString)
                .contains("POST /v1/projects/{id}/tasks", "PUT /v1/connections/{id}", "POST /v1/users");
    }

    // Regressions: what the fuzzing found, each once a 5xx or a bare error without a problem body.

    @Test
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

    @Test
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
