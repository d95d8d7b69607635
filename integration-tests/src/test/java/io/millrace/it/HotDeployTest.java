package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.plugin.testing.TestBundle;
import io.millrace.plugin.testing.fixtures.FailingComponent;
import io.millrace.plugin.testing.fixtures.ThrowingActivator;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServer.class)
class HotDeployTest {
    /** What the issue promises: a copied connector is listed within 5 seconds. */
    private static final Duration DEPLOY_DEADLINE = Duration.ofSeconds(5);

    static final String H2_BUNDLE = "io.millrace.connector.h2";
    private static final String SHIPPED_VERSION = "0.1.0.SNAPSHOT";

    private MillraceServer server;
    private Api admin;

    @BeforeEach
    void signIn(MillraceServer server) {
        this.server = server;
        this.admin = Api.anonymous(server).login("admin", server.adminPassword());
    }

    @Test
    void theCoreBundlesAreActiveAndTheShippedH2ConnectorIsDeployed() {
        JsonNode bundles = admin.get("/api/v1/bundles").json();
        assertThat(bundles.size()).isGreaterThan(30);
        for (JsonNode bundle : bundles) {
            if (bundle.path("origin").asText().equals("CORE")) {
                assertThat(bundle.path("state").asText())
                        .as(bundle.path("symbolicName").asText())
                        .isEqualTo("ACTIVE");
                assertThat(bundle.path("error").isNull()).as(bundle.toString()).isTrue();
            }
        }

        JsonNode h2 = connector("h2", SHIPPED_VERSION).orElseThrow();
        assertThat(h2.path("kinds").toString()).contains("TARGET");
        assertThat(h2.path("bundleSymbolicName").asText()).isEqualTo(H2_BUNDLE);
        JsonNode bundle = admin.get("/api/v1/bundles/" + H2_BUNDLE).json().get(0);
        assertThat(bundle.path("origin").asText()).isEqualTo("DEPLOYED");
    }

    @Test
    void theH2ConnectorCopiedIntoDeployIsListedUpdatedInPlaceAndGoneWhenDeleted() throws Exception {
        Path jar = server.deployFolder().resolve("h2-hot.jar");
        TestBundle.write(TestBundle.withVersion(shippedH2(), "0.9.0"), jar);

        JsonNode listed = await(DEPLOY_DEADLINE, () -> connector("h2", "0.9.0"));
        long bundleId = listed.path("bundleId").asLong();
        assertThat(testConnection("0.9.0").path("steps").toString()).contains("Connected to H2");

        TestBundle.write(TestBundle.withVersion(shippedH2(), "0.9.1"), jar);
        JsonNode updated = await(DEPLOY_DEADLINE, () -> connector("h2", "0.9.1"));
        assertThat(updated.path("bundleId").asLong()).isEqualTo(bundleId);
        assertThat(connector("h2", "0.9.0")).isEmpty();

        Files.delete(jar);
        await(DEPLOY_DEADLINE, () -> connector("h2", "0.9.1").isEmpty() ? Optional.of(true) : Optional.empty());
        assertThat(connector("h2", SHIPPED_VERSION)).isPresent();
    }

    @Test
    void anUploadedConnectorIsDeployedAndCanBeRemoved() {
        Api.Response multipart =
                admin.postMultipart("/api/v1/bundles", "h2.jar", TestBundle.withVersion(shippedH2(), "0.8.0"));
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
        assertThat(multipart.json().path("state").asText()).isEqualTo("ACTIVE");
        assertThat(multipart.header("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/bundles/" + H2_BUNDLE));
        assertThat(connector("h2", "0.8.0")).isPresent();

        Api.Response raw = admin.postRaw(
                "/api/v1/bundles", "application/java-archive", TestBundle.withVersion(shippedH2(), "0.8.1"));
        assertThat(raw.status()).as(raw.body()).isEqualTo(201);
        assertThat(server.deployFolder().resolve(H2_BUNDLE + "-0.8.1.jar")).exists();
        assertThat(testConnection("0.8.1").path("steps").toString()).contains("Connected to H2");

        assertThat(admin.delete("/api/v1/bundles/" + H2_BUNDLE + "?version=0.8.0")
                        .status())
                .isEqualTo(200);
        assertThat(admin.delete("/api/v1/bundles/" + H2_BUNDLE + "?version=0.8.1")
                        .status())
                .isEqualTo(200);
        assertThat(connector("h2", "0.8.0")).isEmpty();
        assertThat(connector("h2", "0.8.1")).isEmpty();
        assertThat(server.deployFolder().resolve(H2_BUNDLE + "-0.8.1.jar")).doesNotExist();
        assertThat(admin.delete("/api/v1/bundles/" + H2_BUNDLE + "?version=0.8.1")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void badBundleNamesAndBodiesAreRefused() {
        assertThat(admin.get("/api/v1/bundles/..%2F..%2Fetc").status()).isIn(400, 404);
        assertThat(admin.delete("/api/v1/bundles/" + H2_BUNDLE + "%2F..").status())
                .isIn(400, 404);
        Api.Response wrongType = admin.postRaw("/api/v1/bundles", "text/plain", "hello".getBytes());
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.json().path("type").asText()).endsWith("/unsupported-media-type");
        Api.Response tooLarge = admin.postRaw(
                "/api/v1/connectors/h2/test", "application/json", ("\"" + "x".repeat(70_000) + "\"").getBytes());
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void brokenUploadsAreRefusedWithTheirCauseAndTheServerCarriesOn() {
        assertRefused(TestBundle.plainJar(), 400, "Bundle-SymbolicName");
        assertRefused(
                TestBundle.named("org.example.needy")
                        .importing("com.example.missing")
                        .toBytes(),
                422,
                "com.example.missing");
        assertRefused(
                TestBundle.named("org.example.throwing")
                        .activator(ThrowingActivator.class)
                        .toBytes(),
                422,
                ThrowingActivator.MESSAGE);
        assertRefused(
                TestBundle.named("org.example.failing")
                        .component(FailingComponent.class, Map.of())
                        .toBytes(),
                422,
                FailingComponent.MESSAGE);
        assertRefused(TestBundle.named("io.millrace.plugin").toBytes(), 409, "part of the server");

        assertThat(Api.anonymous(server).get("/api/v1/health").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/bundles").body()).doesNotContain("org.example.needy", "org.example.throwing");
    }

    @Test
    void brokenJarsInDeployAreShownWithTheirCauseAndTheServerCarriesOn() throws Exception {
        TestBundle.write(TestBundle.plainJar(), server.deployFolder().resolve("plain-broken.jar"));
        TestBundle.named("org.example.unresolved")
                .importing("com.example.absent")
                .writeTo(server.deployFolder().resolve("unresolved-broken.jar"));
        TestBundle.named("org.example.throwing")
                .activator(ThrowingActivator.class)
                .writeTo(server.deployFolder().resolve("throwing-broken.jar"));

        JsonNode plain = await(DEPLOY_DEADLINE, () -> folderEntry("plain-broken.jar"));
        assertThat(plain.path("status").asText()).isEqualTo("FAILED");
        assertThat(plain.path("error").asText()).contains("Bundle-SymbolicName");

        JsonNode unresolved = await(
                DEPLOY_DEADLINE,
                () -> Optional.of(admin.get("/api/v1/bundles/org.example.unresolved")
                                .json())
                        .filter(list -> list.size() == 1 && list.get(0).hasNonNull("error"))
                        .map(list -> list.get(0)));
        assertThat(unresolved.path("state").asText()).isEqualTo("INSTALLED");
        assertThat(unresolved.path("error").asText()).contains("com.example.absent");

        JsonNode throwing = await(
                DEPLOY_DEADLINE,
                () -> Optional.of(admin.get("/api/v1/bundles/org.example.throwing")
                                .json())
                        .filter(list -> list.size() == 1 && list.get(0).hasNonNull("error"))
                        .map(list -> list.get(0)));
        assertThat(throwing.path("state").asText()).isEqualTo("RESOLVED");
        assertThat(throwing.path("error").asText()).contains(ThrowingActivator.MESSAGE);
        assertThat(Api.anonymous(server).get("/api/v1/health").status()).isEqualTo(200);

        Files.delete(server.deployFolder().resolve("throwing-broken.jar"));
        Files.delete(server.deployFolder().resolve("plain-broken.jar"));
        Files.delete(server.deployFolder().resolve("unresolved-broken.jar"));
        await(
                DEPLOY_DEADLINE,
                () -> admin.get("/api/v1/bundles/org.example.unresolved").status() == 404
                        ? Optional.of(true)
                        : Optional.empty());
    }

    /**
     * The example connector (examples/io.millrace.example.connector.sqlite) deployed the way a third
     * party deploys theirs: its jar copied into deploy/, listed, and landing a SQLite file's table.
     */
    @Test
    void theExampleSqliteConnectorCopiedIntoDeployLandsATableInH2() throws Exception {
        Path bundle = Path.of(System.getProperty("millrace.example.sqlite", "target/example-bundles/missing.jar"));
        assertThat(bundle).as("the example connector, copied by the build").isRegularFile();
        Path database = Files.createTempDirectory(Path.of("target"), "sqlite-example-")
                .toAbsolutePath()
                .resolve("shop.db");
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = sqlite.createStatement()) {
            statement.execute("CREATE TABLE items (id integer PRIMARY KEY, name text, price numeric, added date)");
            statement.execute("INSERT INTO items VALUES (1, 'one', 9.5, '2024-01-01'), (2, 'två', 12, '2024-02-29'),"
                    + " (3, NULL, NULL, NULL)");
        }
        Path deployed = server.deployFolder().resolve(bundle.getFileName());
        Files.copy(bundle, deployed);

        JsonNode listed = await(DEPLOY_DEADLINE, () -> connector("sqlite", SHIPPED_VERSION));
        assertThat(listed.path("displayName").asText()).isEqualTo("SQLite (example)");
        assertThat(listed.path("bundleSymbolicName").asText()).isEqualTo("io.millrace.example.connector.sqlite");

        Server h2 = Server.createTcpServer("-tcpPort", String.valueOf(MillraceServer.freePort()), "-ifNotExists")
                .start();
        String warehouse = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:sqlite_example;DB_CLOSE_DELAY=-1";
        try (Connection target = DriverManager.getConnection(warehouse, "sa", "")) {
            String source = Fixtures.created(admin.post(
                    "/api/v1/connections",
                    Map.of(
                            "name",
                            "sqlite example shop",
                            "connector",
                            "sqlite",
                            "properties",
                            Map.of("path", database.toString()))));
            JsonNode check = admin.post("/api/v1/connections/" + source + "/test", Map.of())
                    .json();
            assertThat(check.path("steps").findValuesAsText("status"))
                    .as(check.toString())
                    .containsExactly("PASSED", "PASSED", "WARNING");
            assertThat(check.path("steps").get(1).path("message").asText()).endsWith(": 1 tables");
            String h2Target = Fixtures.created(admin.post(
                    "/api/v1/connections",
                    Map.of(
                            "name",
                            "sqlite example warehouse",
                            "connector",
                            "h2",
                            "properties",
                            Map.of("url", warehouse, "user", "sa"))));
            String project = Fixtures.created(admin.post(
                    "/api/v1/projects",
                    Map.of("name", "sqliteshop", "type", "replication", "targetConnection", h2Target)));
            String tasks = "/api/v1/projects/" + project + "/tasks";
            String landing = Fixtures.created(admin.post(
                    tasks,
                    Map.of(
                            "name",
                            "land shop",
                            "type",
                            "landing",
                            "sourceConnection",
                            source,
                            "tables",
                            Map.of("include", List.of("main.%")),
                            "mode",
                            "full-load")));
            assertThat(admin.post(tasks + "/" + landing + "/actions/start", Map.of())
                            .status())
                    .isEqualTo(200);

            Fixtures.awaitStatus(
                    admin,
                    tasks + "/" + landing,
                    status -> status.path("state").asText().equals("stopped")
                            && status.path("tables").path(0).path("rowsLoaded").asLong() == 3);
            List<String> rows = new ArrayList<>();
            try (Statement statement = target.createStatement();
                    ResultSet landed = statement.executeQuery("SELECT \"id\", \"name\", \"price\", \"added\""
                            + " FROM \"sqliteshop_landing\".\"items\" ORDER BY \"id\"")) {
                while (landed.next()) {
                    rows.add(landed.getLong(1) + " " + landed.getString(2) + " "
                            + Optional.ofNullable(landed.getBigDecimal(3))
                                    .map(BigDecimal::toPlainString)
                                    .orElse(null)
                            + " " + landed.getObject(4, LocalDate.class));
                }
            }
            assertThat(rows).containsExactly("1 one 9.5 2024-01-01", "2 två 12 2024-02-29", "3 null null null");
            assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
        } finally {
            h2.stop();
        }

        Files.delete(deployed);
        await(
                DEPLOY_DEADLINE,
                () -> connector("sqlite", SHIPPED_VERSION).isEmpty() ? Optional.of(true) : Optional.empty());
    }

    private void assertRefused(byte[] jar, int status, String cause) {
        Api.Response refused = admin.postRaw("/api/v1/bundles", "application/octet-stream", jar);
        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.json().path("detail").asText()).contains(cause);
    }

    /** The H2 connector jar that the distribution ships in deploy/. */
    static byte[] shippedH2(MillraceServer server) {
        try (var files = Files.list(server.deployFolder())) {
            Path jar = files.filter(file -> file.getFileName().toString().startsWith(H2_BUNDLE + "-0.1.0"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("The distribution ships no H2 connector in deploy/"));
            return Files.readAllBytes(jar);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] shippedH2() {
        return shippedH2(server);
    }

    private JsonNode testConnection(String version) {
        return admin.post(
                        "/api/v1/connectors/h2/test?version=" + version,
                        Map.of("url", "jdbc:h2:mem:hot-deploy-" + version.replace('.', '-')))
                .json();
    }

    private Optional<JsonNode> connector(String id, String version) {
        return StreamSupport.stream(admin.get("/api/v1/connectors").json().spliterator(), false)
                .filter(connector -> connector.path("id").asText().equals(id))
                .filter(connector -> connector.path("version").asText().equals(version))
                .findFirst();
    }

    private Optional<JsonNode> folderEntry(String file) {
        return StreamSupport.stream(admin.get("/api/v1/deploy-folder").json().spliterator(), false)
                .filter(entry -> entry.path("file").asText().equals(file))
                .findFirst();
    }

    private <T> T await(Duration deadline, Supplier<Optional<T>> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + deadline + "; bundles: "
                        + admin.get("/api/v1/bundles").body() + "\nlog:\n" + server.log());
            }
            MillraceServer.sleep(Duration.ofMillis(100));
        }
    }
}
