package io.millrace.it;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;
import static io.millrace.it.Fixtures.execute;
import static io.millrace.it.Fixtures.postgresConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.connector.mariadb.internal.FidelityTable;
import io.millrace.connector.mariadb.internal.TestMariaDb;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB into PostgreSQL through the REST API of a packaged server: the connection's checks, a
 * full load and the binlog's changes of a table with every fidelity case, compared value by value
 * in the target, across a server restart, with storage on top and a column added in the source.
 */
class MariaDbLandingTest {
    private static TestMariaDb mariaDb;
    private static EmbeddedPostgres postgres;
    private static MillraceServer server;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = TestMariaDb.start();
        postgres = EmbeddedPostgres.builder().start();
        execute(postgres, "postgres", "CREATE DATABASE warehouse");
        server = MillraceServer.install(SharedServer.newHome("mariadb"));
        admin = Api.anonymous(server).login("admin", server.adminPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        postgres.close();
        mariaDb.close();
    }

    /** A row in PostgreSQL's text forms, as landed from {@link FidelityTable#extremes}. */
    private static String extremes(int id) {
        return String.join(
                "|",
                String.valueOf(id),
                "2",
                "255",
                "65535",
                "16777215",
                "4294967295",
                "18446744073709551615",
                "-9223372036854775808",
                "1010000001",
                "12345678901234567890123456789012345.123456789012345678901234567891",
                "1e+07",
                "0.1",
                "2024-02-29",
                "2024-02-29 13:45:00.123456",
                "2024-02-29 13:45:00.5",
                "-838:59:59",
                "2024",
                "😀 ok",
                "café",
                "text",
                "\\x01020304",
                "\\xff00",
                "\\xdeadbeef",
                "medium",
                "a,c",
                "{\"a\": 1}",
                "\\x0101000000000000000000f03f0000000000000040",
                "\\x010100000000000000000008400000000000001040",
                String.valueOf(id * 2),
                String.valueOf(id * 3));
    }

    /** A row in PostgreSQL's text forms, as landed from {@link FidelityTable#zeros}: zero dates are NULL. */
    private static String zeros(int id) {
        return String.join(
                "|",
                String.valueOf(id),
                "NULL",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0000000000",
                "0.000000000000000000000000000000",
                "-2.5e+20",
                "1e-300",
                "NULL",
                "NULL",
                "NULL",
                "25:00:01.5",
                "0",
                "",
                "NULL",
                "NULL",
                "NULL",
                "NULL",
                "NULL",
                "NULL",
                "",
                "NULL",
                "NULL",
                "NULL",
                String.valueOf(id * 2),
                String.valueOf(id * 3));
    }

    @Test
    void mariaDbLandsEveryValueExactlyStreamsSurvivesARestartAndFollowsNewColumns() throws Exception {
        mariaDb.execute(
                FidelityTable.CREATE,
                "CREATE TABLE `Mixed Case` (`Id` INT PRIMARY KEY, `Name` VARCHAR(10))",
                "CREATE TABLE no_key (a INT, b VARCHAR(5))",
                "SET SESSION sql_mode = ''",
                FidelityTable.extremes(1),
                FidelityTable.zeros(2),
                "INSERT INTO `Mixed Case` VALUES (1, 'one'), (2, 'two')",
                "INSERT INTO no_key VALUES (1, 'x'), (1, 'x')");
        String source = created(admin.post(
                "/api/v1/connections",
                Map.of(
                        "name",
                        "maria shop",
                        "connector",
                        "mariadb",
                        "properties",
                        Map.of(
                                "host",
                                "127.0.0.1",
                                "port",
                                String.valueOf(mariaDb.port()),
                                "user",
                                "millrace",
                                "databases",
                                "shop"),
                        "secrets",
                        Map.of("password", "secret-password"))));
        Api.Response tested = admin.post("/api/v1/connections/" + source + "/test", Map.of());
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        // The user may read and follow the binlog, not create tables: a source, not a target.
        for (JsonNode step : tested.json().path("steps")) {
            if (!step.path("use").asText().equals("TARGET")) {
                assertThat(step.path("status").asText()).as(step.toString()).isEqualTo("PASSED");
            }
        }
        assertThat(tested.json().path("usableAsSource").asBoolean()).isTrue();
        assertThat(tested.json().path("usableAsTarget").asBoolean()).isFalse();
        String target = created(
                admin.post("/api/v1/connections", postgresConnection("maria warehouse", postgres, "warehouse")));
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "maria", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        String landing = created(admin.post(
                tasks,
                Map.of(
                        "name", "land maria",
                        "type", "landing",
                        "sourceConnection", source,
                        "tables", Map.of("include", List.of("shop.%")),
                        "mode", "full-load+cdc")));
        String storage = created(admin.post(
                tasks,
                Map.of(
                        "name",
                        "store maria",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", landing, "history", true, "applyIntervalSeconds", 3600))));
        String landingPath = tasks + "/" + landing;

        Api.Response started = admin.post("/api/v1/projects/" + project + "/actions/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        awaitStatus(admin, landingPath, s -> s.path("state").asText().equals("cdc"));
        assertThat(rows("maria_landing.fidelity")).containsExactly(extremes(1), zeros(2));
        assertThat(query("SELECT \"Id\" || \"Name\" FROM maria_landing.\"Mixed Case\" ORDER BY 1"))
                .containsExactly("1one", "2two");
        assertThat(query("SELECT count(*) FROM maria_landing.no_key")).containsExactly("2");

        mariaDb.execute(
                "SET SESSION sql_mode = ''",
                FidelityTable.extremes(3),
                "UPDATE `Mixed Case` SET `Name` = 'uno' WHERE `Id` = 1",
                "DELETE FROM `Mixed Case` WHERE `Id` = 2");
        awaitStatus(admin, landingPath, s -> s.path("changesLanded").asLong() >= 3);

        // Changes made while the server is down land once it is back, each exactly once.
        server.stop();
        mariaDb.execute(
                "SET SESSION sql_mode = ''", FidelityTable.zeros(4), "INSERT INTO `Mixed Case` VALUES (5, 'five')");
        server.start();
        admin = Api.anonymous(server).login("admin", server.adminPassword());
        awaitStatus(
                admin,
                landingPath,
                s -> s.path("state").asText().equals("cdc")
                        && s.path("changesLanded").asLong() >= 2);
        assertThat(query("SELECT __op || ':' || \"Id\" || ':' || coalesce(\"Name\", '-') FROM"
                        + " maria_landing.\"Mixed Case__ct\" ORDER BY __seq"))
                .containsExactly("U:1:uno", "D:2:two", "I:5:five");
        assertThat(query("SELECT __op || ':' || id FROM maria_landing.fidelity__ct ORDER BY __seq"))
                .containsExactly("I:3", "I:4");

        java.time.Instant applyAsked = java.time.Instant.now();
        Api.Response applied = admin.post(tasks + "/" + storage + "/actions/apply", Map.of());
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        // Counters start again with the server, and some changes may have been applied before it
        // stopped: what tells that all are applied is an apply since the request with none pending.
        awaitStatus(admin, tasks + "/" + storage, s -> {
            for (JsonNode table : s.path("tables")) {
                if (!table.path("pendingChanges").isNull()
                        && (table.path("pendingChanges").asLong() != 0
                                || table.path("lastApplyAt").isNull()
                                || java.time.Instant.parse(
                                                table.path("lastApplyAt").asText())
                                        .isBefore(applyAsked))) {
                    return false;
                }
            }
            return true;
        });
        assertThat(rows("maria_storage.fidelity")).containsExactly(extremes(1), zeros(2), extremes(3), zeros(4));
        assertThat(query("SELECT \"Id\" || \"Name\" FROM maria_storage.\"Mixed Case\" ORDER BY 1"))
                .containsExactly("1uno", "5five");
        assertThat(query("SELECT \"Id\" || \"Name\" || coalesce(to_char(__to_ts, 'YYYY'), '-') FROM"
                        + " maria_storage.\"Mixed Case_history\" ORDER BY \"Id\", __seq"))
                .hasSize(4)
                .contains("1uno-", "5five-");

        // A column added in the source lands with its values from then on.
        mariaDb.execute(
                "ALTER TABLE `Mixed Case` ADD COLUMN `Added` INT", "INSERT INTO `Mixed Case` VALUES (6, 'six', 66)");
        awaitStatus(
                admin,
                landingPath,
                s -> s.path("changesLanded").asLong() >= 1
                        && !querySafely("SELECT \"Added\" FROM maria_landing.\"Mixed Case__ct\" WHERE \"Id\" = 6")
                                .isEmpty());
        assertThat(query("SELECT \"Added\" FROM maria_landing.\"Mixed Case__ct\" WHERE \"Id\" = 6"))
                .containsExactly("66");

        // A table created in the source joins the task: loaded, then its changes land.
        mariaDb.execute(
                "CREATE TABLE added_later (id INT PRIMARY KEY, what VARCHAR(10))",
                "INSERT INTO added_later VALUES (1, 'loaded')");
        awaitStatus(
                admin,
                landingPath,
                s -> !querySafely("SELECT what FROM maria_landing.added_later").isEmpty());
        mariaDb.execute("INSERT INTO added_later VALUES (2, 'streamed')");
        awaitStatus(
                admin,
                landingPath,
                s -> !querySafely("SELECT what FROM maria_landing.added_later__ct WHERE id = 2")
                        .isEmpty());
        assertThat(query("SELECT what FROM maria_landing.added_later")).containsExactly("loaded");

        Api.Response stopped = admin.post("/api/v1/projects/" + project + "/actions/stop", Map.of());
        assertThat(stopped.json().findValuesAsText("state")).containsOnly("stopped");
        assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
    }

    @Test
    void mariaDbLandsInH2Too() throws Exception {
        mariaDb.execute(
                "CREATE TABLE to_h2 (id BIGINT UNSIGNED PRIMARY KEY, name VARCHAR(20), amount DECIMAL(65,30),"
                        + " at DATETIME(6), took TIME, raw VARBINARY(4))",
                "INSERT INTO to_h2 VALUES (18446744073709551615, '😀 ok',"
                        + " '12345678901234567890123456789012345.123456789012345678901234567891',"
                        + " '2024-02-29 13:45:00.123456', '-01:02:03', x'ff00')");
        Server h2 = Server.createTcpServer("-tcpPort", String.valueOf(MillraceServer.freePort()), "-ifNotExists")
                .start();
        String h2Url = "jdbc:h2:tcp://localhost:" + h2.getPort() + "/mem:maria;DB_CLOSE_DELAY=-1";
        try {
            Map<String, String> sourceProperties = Map.of(
                    "host",
                    "127.0.0.1",
                    "port",
                    String.valueOf(mariaDb.port()),
                    "user",
                    "millrace",
                    "databases",
                    "shop");
            String source = created(admin.post(
                    "/api/v1/connections",
                    Map.of(
                            "name",
                            "maria for h2",
                            "connector",
                            "mariadb",
                            "properties",
                            sourceProperties,
                            "secrets",
                            Map.of("password", "secret-password"))));
            String target = created(admin.post(
                    "/api/v1/connections",
                    Map.of(
                            "name",
                            "h2 warehouse",
                            "connector",
                            "h2",
                            "properties",
                            Map.of("url", h2Url, "user", "sa"),
                            "secrets",
                            Map.of("password", ""))));
            String project = created(admin.post(
                    "/api/v1/projects", Map.of("name", "maria_h2", "type", "replication", "targetConnection", target)));
            String tasks = "/api/v1/projects/" + project + "/tasks";
            String landing = created(admin.post(
                    tasks,
                    Map.of(
                            "name",
                            "land in h2",
                            "type",
                            "landing",
                            "sourceConnection",
                            source,
                            "tables",
                            Map.of("include", List.of("shop.to_h2")),
                            "mode",
                            "full-load+cdc")));
            String landingPath = tasks + "/" + landing;
            assertThat(admin.post(landingPath + "/actions/start", Map.of()).status())
                    .isEqualTo(200);
            awaitStatus(admin, landingPath, s -> s.path("state").asText().equals("cdc"));
            mariaDb.execute(
                    "INSERT INTO to_h2 VALUES (1, 'streamed', -1.5, '1999-12-31 23:59:59', '100:00:00', x'00')");
            awaitStatus(admin, landingPath, s -> s.path("changesLanded").asLong() >= 1);
            try (Connection connection = DriverManager.getConnection(h2Url, "sa", "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT \"id\", \"name\", \"amount\", \"at\", \"took\", \"raw\" FROM \"maria_h2_landing\".\"to_h2\""
                                    + " UNION ALL SELECT \"id\", \"name\", \"amount\", \"at\", \"took\", \"raw\" FROM"
                                    + " \"maria_h2_landing\".\"to_h2__ct\" ORDER BY 1")) {
                List<String> landed = new ArrayList<>();
                while (rows.next()) {
                    landed.add(rows.getBigDecimal(1).toPlainString() + "|" + rows.getString(2) + "|"
                            + rows.getBigDecimal(3).toPlainString() + "|" + rows.getObject(4) + "|"
                            + rows.getObject(5) + "|" + java.util.HexFormat.of().formatHex(rows.getBytes(6)));
                }
                // The H2 dialect keeps intervals in their ISO 8601 text.
                assertThat(landed)
                        .containsExactly(
                                "1|streamed|-1.500000000000000000000000000000|1999-12-31 23:59:59.0|PT100H|00",
                                "18446744073709551615|😀 ok|12345678901234567890123456789012345.123456789012345678901234567891"
                                        + "|2024-02-29 13:45:00.123456|PT-1H-2M-3S|ff00");
            }
            admin.post(landingPath + "/actions/stop", Map.of());
            assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
        } finally {
            h2.stop();
        }
    }

    /** Every row of a landed fidelity table, its columns in PostgreSQL's text forms joined by '|'. */
    private static List<String> rows(String table) throws SQLException {
        String columns = FidelityTable.COLUMNS.stream()
                .map(column -> column.equals("ts")
                        ? "coalesce((ts AT TIME ZONE 'UTC')::text, 'NULL')"
                        : "coalesce(" + column + "::text, 'NULL')")
                .collect(Collectors.joining(" || '|' || "));
        return query("SELECT " + columns + " FROM " + table + " ORDER BY id");
    }

    private static List<String> querySafely(String sql) {
        try {
            return query(sql);
        } catch (SQLException e) {
            return List.of(); // the column is not there yet
        }
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection =
                        postgres.getDatabase("postgres", "warehouse").getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
