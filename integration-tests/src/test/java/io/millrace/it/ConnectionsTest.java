package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServer.class)
class ConnectionsTest {
    private static final String SECRET = "pg-secret-that-must-not-leak";

    private MillraceServer server;
    private Api admin;

    @BeforeEach
    void signIn(MillraceServer server) {
        this.server = server;
        this.admin = Api.anonymous(server).login("admin", server.adminPassword());
    }

    @Test
    void aPostgresConnectionKeepsItsSecretAndTestsReadyForCapture() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start()) {
            Api.Response created = admin.post(
                    "/api/v1/connections",
                    Map.of(
                            "name",
                            "orders database",
                            "connector",
                            "postgres",
                            "properties",
                            Map.of(
                                    "host", "localhost",
                                    "port", String.valueOf(postgres.getPort()),
                                    "database", "postgres",
                                    "user", "postgres",
                                    "sslmode", "disable"),
                            "secrets",
                            Map.of("password", SECRET)));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).doesNotContain(SECRET);
            String id = created.json().path("id").asText();
            assertThat(created.json().path("secrets").toString()).contains("password");
            assertThat(created.header("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/connections/" + id));

            Api.Response tested = admin.post("/api/v1/connections/" + id + "/test", Map.of());
            assertThat(tested.status()).as(tested.body()).isEqualTo(200);
            for (JsonNode step : tested.json().path("steps")) {
                assertThat(step.path("status").asText()).as(step.toString()).isEqualTo("PASSED");
            }

            try (var sql = postgres.getPostgresDatabase().getConnection()) {
                sql.createStatement()
                        .execute("CREATE TABLE public.\"Orders\" (id bigint PRIMARY KEY, total numeric(12,2), placed"
                                + " timestamptz)");
            }
            Api.Response catalog = admin.get("/api/v1/connections/" + id + "/catalog");
            assertThat(catalog.status()).as(catalog.body()).isEqualTo(200);
            JsonNode orders = catalog.json().get(0);
            assertThat(orders.path("name").asText()).isEqualTo("Orders");
            assertThat(orders.path("primaryKey").toString()).isEqualTo("[\"id\"]");
            assertThat(orders.path("columns").get(1).path("sourceType").asText())
                    .isEqualTo("numeric(12,2)");
            assertThat(orders.path("columns").get(1).path("type").path("kind").asText())
                    .isEqualTo("DECIMAL");

            assertThat(admin.get("/api/v1/connections").body())
                    .contains("orders database")
                    .doesNotContain(SECRET);
            assertThat(server.log()).doesNotContain(SECRET);
            assertThat(admin.delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        }
    }

    @Test
    void aConnectionIsRenamedWithoutResendingItsSecretAndDeleted() {
        String id = admin.post("/api/v1/connections", h2("scratch target", "jdbc:h2:mem:scratch"))
                .json()
                .path("id")
                .asText();

        Api.Response renamed = admin.put(
                "/api/v1/connections/" + id,
                Map.of(
                        "name", "renamed target",
                        "connector", "h2",
                        "properties", Map.of("url", "jdbc:h2:mem:scratch", "user", "sa")));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("renamed target");
        assertThat(renamed.json().path("secrets").toString()).contains("password");
        assertThat(admin.post("/api/v1/connections/" + id + "/test", Map.of()).body())
                .contains("\"PASSED\"")
                .doesNotContain("\"FAILED\"");

        assertThat(admin.delete("/api/v1/connections/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/connections/" + id).status()).isEqualTo(404);
        assertThat(admin.post("/api/v1/connections/" + id + "/test", Map.of()).status())
                .isEqualTo(404);
    }

    @Test
    void aCatalogThatCannotBeReadIsABadGatewaySayingWhy() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String id = admin.post(
                        "/api/v1/connections",
                        Map.of(
                                "name", "unreachable source",
                                "connector", "postgres",
                                "properties",
                                        Map.of(
                                                "host", "localhost",
                                                "port", String.valueOf(closedPort),
                                                "database", "postgres",
                                                "user", "postgres")))
                .json()
                .path("id")
                .asText();

        Api.Response catalog = admin.get("/api/v1/connections/" + id + "/catalog");

        assertThat(catalog.status()).as(catalog.body()).isEqualTo(502);
        assertThat(catalog.json().path("detail").asText())
                .contains("Check the host and port")
                .doesNotContain("..");
    }

    @Test
    void badConnectionsAreRefusedSayingWhy() {
        assertRefused(
                Map.of("name", "a", "connector", "h2", "properties", Map.of("url", "jdbc:h2:mem:a", "hostname", "x")),
                400,
                "'hostname'");
        assertRefused(
                Map.of("name", "a", "connector", "h2", "properties", Map.of("password", "x", "url", "jdbc:h2:mem:a")),
                400,
                "secrets");
        assertRefused(Map.of("name", "a", "connector", "h2", "properties", Map.of()), 400, "'url'");
        assertRefused(Map.of("name", "a", "connector", "oracle"), 422, "'oracle'");
        assertRefused(Map.of("name", "a", "connector", "h2", "properties", "not an object"), 400, "properties");

        assertThat(admin.post("/api/v1/connections", h2("taken name", "jdbc:h2:mem:one"))
                        .status())
                .isEqualTo(201);
        assertRefused(h2("taken name", "jdbc:h2:mem:two"), 409, "taken name");
    }

    private void assertRefused(Map<String, Object> body, int status, String detail) {
        Api.Response refused = admin.post("/api/v1/connections", body);
        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.json().path("detail").asText()).contains(detail);
    }

    private static Map<String, Object> h2(String name, String url) {
        return Map.of(
                "name",
                name,
                "connector",
                "h2",
                "properties",
                Map.of("url", url, "user", "sa"),
                "secrets",
                Map.of("password", ""));
    }
}
