package io.millrace.it;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;
import static io.millrace.it.Fixtures.execute;
import static io.millrace.it.Fixtures.postgresConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.plugin.testing.TestBundle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source reached only through the JDBC connector (an H2 database served over TCP, its driver
 * found in the server's H2 bundle) landed incrementally by an updated-at column into PostgreSQL,
 * with storage on it: new and updated rows reach the storage views, deletes are not seen, and the
 * status says so. A run starts when asked, and a failed run is retried long before the next
 * scheduled one. A driver deployed while the server runs is used at once.
 */
class JdbcIncrementalTest {
    /** The source database, in this JVM's memory, served to the Millrace server by an H2 TCP server. */
    private static final String LOCAL_URL = "jdbc:h2:mem:jdbc_shop;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

    private static EmbeddedPostgres postgres;
    private static Server h2;
    private static Connection keepAlive;
    private static MillraceServer server;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        keepAlive = DriverManager.getConnection(LOCAL_URL, "sa", "");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        h2 = Server.createTcpServer("-tcpPort", String.valueOf(port)).start();
        postgres = EmbeddedPostgres.builder().start();
        execute(postgres, "postgres", "CREATE DATABASE jdbc_warehouse");
        server = MillraceServer.install(SharedServer.newHome("jdbc"));
        admin = Api.anonymous(server).login("admin", server.adminPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        postgres.close();
        h2.stop();
        keepAlive.close();
    }

    @Test
    void newAndUpdatedRowsReachStorageOnTheScheduleAndDeletesAreNotSeen() throws Exception {
        source(
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.items (id int PRIMARY KEY, name varchar(40), changed_at timestamp NOT NULL)",
                "INSERT INTO shop.items VALUES (1, 'one', TIMESTAMP '2024-01-01 10:00:00'),"
                        + " (2, 'two', TIMESTAMP '2024-01-01 11:00:00')",
                "CREATE TABLE shop.notes (id int PRIMARY KEY, text varchar(40))");
        String sourceUrl = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:jdbc_shop";
        Api.Response connector = admin.get("/api/v1/connectors");
        assertThat(connector.json().findValuesAsText("displayName")).contains("JDBC (any database)");
        String source = created(admin.post(
                "/api/v1/connections",
                Map.of(
                        "name",
                        "jdbc shop",
                        "connector",
                        "jdbc",
                        "properties",
                        Map.of("url", sourceUrl, "user", "sa"),
                        "secrets",
                        Map.of("password", ""))));
        JsonNode check =
                admin.post("/api/v1/connections/" + source + "/test", Map.of()).json();
        assertThat(check.path("steps").get(0).path("status").asText())
                .as(check.toString())
                .isEqualTo("PASSED");
        assertThat(check.path("steps").get(0).path("message").asText()).contains("H2");
        assertThat(check.toString()).contains("not seen");
        String noDriver = created(admin.post(
                "/api/v1/connections",
                Map.of(
                        "name",
                        "jdbc nowhere",
                        "connector",
                        "jdbc",
                        "properties",
                        Map.of("url", "jdbc:nosuchdb://x/y"))));
        JsonNode failed = admin.post("/api/v1/connections/" + noDriver + "/test", Map.of())
                .json();
        assertThat(failed.path("steps").get(0).path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("steps").get(0).path("message").asText())
                .contains("No deployed JDBC driver accepts the URL jdbc:nosuchdb", "org.h2.Driver", "deploy/");

        String target = created(
                admin.post("/api/v1/connections", postgresConnection("jdbc warehouse", postgres, "jdbc_warehouse")));
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "jdbcshop", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        Api.Response lacking = admin.post(tasks, incrementalTask(source, List.of("shop.%"), "every 1s"));
        assertThat(lacking.status()).as(lacking.body()).isEqualTo(422);
        assertThat(lacking.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(lacking.json().path("detail").asText()).contains("shop.notes (no column changed_at)");
        assertThat(lacking.json().path("detail").asText()).doesNotContain("shop.items");
        Api.Response badSchedule = admin.post(tasks, incrementalTask(source, List.of("shop.items"), "now and then"));
        assertThat(badSchedule.status()).isEqualTo(422);
        assertThat(badSchedule.json().path("detail").asText()).contains("incremental.schedule");

        String landing = created(admin.post(tasks, incrementalTask(source, List.of("shop.items"), "every 1s")));
        assertThat(admin.get(tasks + "/" + landing)
                        .json()
                        .path("incremental")
                        .path("column")
                        .asText())
                .isEqualTo("changed_at");
        String storage = created(admin.post(
                tasks,
                Map.of(
                        "name",
                        "store",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", landing, "history", true))));
        Api.Response started = admin.post("/api/v1/projects/" + project + "/actions/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        JsonNode status = awaitStatus(
                admin, tasks + "/" + landing, s -> s.path("state").asText().equals("incremental"));
        assertThat(status.path("notice").asText()).contains("deleted in the source are not seen");
        awaitStored("SELECT id || ':' || name FROM jdbcshop_storage.items ORDER BY id", "1:one", "2:two");

        source(
                "UPDATE shop.items SET name = 'TWO', changed_at = TIMESTAMP '2024-01-02 09:00:00' WHERE id = 2",
                "INSERT INTO shop.items VALUES (3, 'three', TIMESTAMP '2024-01-02 09:30:00')",
                "DELETE FROM shop.items WHERE id = 1");

        awaitStored("SELECT id || ':' || name FROM jdbcshop_storage.items ORDER BY id", "1:one", "2:TWO", "3:three");
        assertThat(query("SELECT name FROM jdbcshop_storage.items_history WHERE id = 2 ORDER BY __from_ts"))
                .containsExactly("two", "TWO");
        assertThat(query("SELECT DISTINCT __op FROM jdbcshop_landing.items__ct"))
                .containsExactly("U");

        Api.Response stopped = admin.post("/api/v1/projects/" + project + "/actions/stop", Map.of());
        assertThat(stopped.json().findValuesAsText("state")).containsOnly("stopped");

        // A table that lost its column since the task was created fails the task at its start, named.
        source("ALTER TABLE shop.items DROP COLUMN changed_at");
        admin.post(tasks + "/" + landing + "/actions/start", Map.of());
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode failing = admin.get(tasks + "/" + landing + "/status").json();
        while (!failing.path("state").asText().equals("failed") && System.nanoTime() < deadline) {
            MillraceServer.sleep(java.time.Duration.ofMillis(200));
            failing = admin.get(tasks + "/" + landing + "/status").json();
        }
        assertThat(failing.path("state").asText()).as(failing.toString()).isEqualTo("failed");
        assertThat(failing.path("lastError").asText()).contains("shop.items (no column changed_at)");
        assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
    }

    @Test
    void aRunStartsWhenAskedAndAFailedRunIsRetriedLongBeforeTheDailySchedule() throws Exception {
        source(
                "CREATE SCHEMA depot",
                "CREATE TABLE depot.parts (id int PRIMARY KEY, name varchar(40), changed_at timestamp NOT NULL)",
                "INSERT INTO depot.parts VALUES (1, 'bolt', TIMESTAMP '2024-01-01 10:00:00')");
        String source = created(admin.post(
                "/api/v1/connections",
                Map.of(
                        "name",
                        "jdbc depot",
                        "connector",
                        "jdbc",
                        "properties",
                        Map.of("url", "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:jdbc_shop", "user", "sa"),
                        "secrets",
                        Map.of("password", ""))));
        String target = created(
                admin.post("/api/v1/connections", postgresConnection("depot warehouse", postgres, "jdbc_warehouse")));
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "depot", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        String landing =
                tasks + "/" + created(admin.post(tasks, incrementalTask(source, List.of("depot.parts"), "every 1d")));
        String copy = tasks + "/"
                + created(admin.post(
                        tasks,
                        Map.of(
                                "name",
                                "copy depot",
                                "type",
                                "landing",
                                "sourceConnection",
                                source,
                                "tables",
                                Map.of("include", List.of("depot.parts")),
                                "mode",
                                "full-load")));

        Api.Response notIncremental = admin.post(copy + "/actions/run", Map.of());
        assertThat(notIncremental.status()).as(notIncremental.body()).isEqualTo(422);
        assertThat(notIncremental.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(notIncremental.json().path("detail").asText())
                .contains("Only incremental landing tasks", "full-load");
        Api.Response notRunning = admin.post(landing + "/actions/run", Map.of());
        assertThat(notRunning.status()).as(notRunning.body()).isEqualTo(409);
        assertThat(notRunning.json().path("detail").asText()).contains("not running", "actions/start");

        admin.post(landing + "/actions/start", Map.of());
        JsonNode waiting =
                awaitStatus(admin, landing, s -> s.path("state").asText().equals("incremental"));
        Instant daily = Instant.parse(waiting.path("nextRunAt").asText());
        assertThat(daily).isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(waiting.path("failedRuns").asInt()).isZero();

        // Run now: the new row lands without waiting a day.
        source("INSERT INTO depot.parts VALUES (2, 'nut', TIMESTAMP '2024-01-02 10:00:00')");
        Api.Response run = admin.post(landing + "/actions/run", Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(202);
        awaitStored("SELECT id || ':' || name FROM depot_landing.parts__ct ORDER BY __seq", "2:nut");

        // The table is away for a while: the run fails, and its retry lands the rows once it is back.
        source(
                "ALTER TABLE depot.parts RENAME TO parts_away",
                "INSERT INTO depot.parts_away VALUES (3, 'washer', TIMESTAMP '2024-01-03 10:00:00')");
        assertThat(admin.post(landing + "/actions/run", Map.of()).status()).isEqualTo(202);
        JsonNode failing = awaitStatus(admin, landing, s -> s.path("failedRuns").asInt() >= 1);
        assertThat(failing.path("state").asText()).isEqualTo("incremental");
        assertThat(failing.path("lastError").asText()).contains("parts");
        assertThat(Instant.parse(failing.path("nextRunAt").asText()))
                .as("retried before the schedule's next run")
                .isBefore(daily);
        source("ALTER TABLE depot.parts_away RENAME TO parts");
        awaitStored("SELECT id || ':' || name FROM depot_landing.parts__ct ORDER BY __seq", "2:nut", "3:washer");
        JsonNode recovered =
                awaitStatus(admin, landing, s -> s.path("failedRuns").asInt() == 0);
        assertThat(recovered.path("lastError").isNull())
                .as(recovered.toString())
                .isTrue();
        assertThat(Instant.parse(recovered.path("nextRunAt").asText()))
                .as("the schedule goes on as before")
                .isEqualTo(daily);

        assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
    }

    @Test
    void aDriverDeployedWhileTheServerRunsIsUsedAtOnceAndForgottenWhenRemoved() {
        String url = UnreachableDriver.PREFIX + "somewhere";
        assertThat(testJdbc(url)).contains("No deployed JDBC driver accepts the URL " + url);

        byte[] driver = TestBundle.named("io.millrace.it.unreachable-driver")
                .withClass(UnreachableDriver.class)
                .withEntry("META-INF/services/java.sql.Driver", UnreachableDriver.class.getName() + "\n")
                .toBytes();
        Api.Response deployed = admin.postRaw("/api/v1/bundles", "application/java-archive", driver);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
        awaitCheck(url, UnreachableDriver.REACHED);

        assertThat(admin.delete("/api/v1/bundles/io.millrace.it.unreachable-driver")
                        .status())
                .isEqualTo(200);
        awaitCheck(url, "No deployed JDBC driver accepts the URL " + url);
    }

    /** What the connection check of a jdbc connection to the URL says, every step. */
    private static String testJdbc(String url) {
        return admin.post("/api/v1/connectors/jdbc/test", Map.of("url", url)).body();
    }

    private static void awaitCheck(String url, String expected) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String check = testJdbc(url);
        while (!check.contains(expected) && System.nanoTime() < deadline) {
            MillraceServer.sleep(java.time.Duration.ofMillis(200));
            check = testJdbc(url);
        }
        assertThat(check).contains(expected);
    }

    private static Map<String, Object> incrementalTask(String source, List<String> include, String schedule) {
        return Map.of(
                "name",
                "land shop " + schedule,
                "type",
                "landing",
                "sourceConnection",
                source,
                "tables",
                Map.of("include", include),
                "mode",
                "incremental",
                "incremental",
                Map.of("column", "changed_at", "schedule", schedule));
    }

    /** Waits up to a minute until the query of the target gives these rows. */
    private static void awaitStored(String sql, String... expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<String> rows = List.of();
        while (System.nanoTime() < deadline && !rows.equals(List.of(expected))) {
            Thread.sleep(300);
            try {
                rows = query(sql);
            } catch (SQLException e) {
                rows = List.of(e.getMessage()); // storage has not made its views yet
            }
        }
        assertThat(rows).containsExactly(expected);
    }

    private static void source(String... statements) throws SQLException {
        try (Statement statement = keepAlive.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection connection =
                        postgres.getDatabase("postgres", "jdbc_warehouse").getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
