package io.millrace.it;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;
import static io.millrace.it.Fixtures.postgresConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names and values that break naive SQL: quotes, semicolons, backslashes, control characters next
 * to NUL, COPY's own escapes, emoji and CJK, in schema, table and column names and in values. They
 * land from PostgreSQL into PostgreSQL and into H2 (served over TCP by the test) exactly as they are,
 * in the full load and in the changes, and on into the storage task's current, live and history
 * views.
 */
@ExtendWith(SharedServer.class)
class OddNamesTest {
    static final String SCHEMA = "odd'sch\"e\\ma;é";
    /** No backslash here: storage cannot find such a table yet, see {@link #aBackslashInATableName}. */
    static final String TABLE = "Tab \"le\"; DROP 😀 中文";

    static final List<String> COLUMNS = List.of(
            "id", "col \"q\"", "semi;colon", "back\\slash", "emoji😀", "中文列", "MixedCase", "ctl\u0001x", "sp ace");
    /** Values as text; null is SQL NULL. */
    static final List<String> VALUES = Arrays.asList(
            "it's",
            "semi;colon; DROP TABLE x; --",
            "back\\slash \\N \\. \\\\ \\t",
            "\\N",
            "😀🚀 emoji",
            "中文 值",
            "tab\there\nnew line\r\nend",
            "\u0001\u0007\u001f\u007f control",
            "NULL",
            "",
            null,
            "\"double\" 'single' `back`",
            "Ω≈ç√ \u202Eright-to-left\u202C");

    private static EmbeddedPostgres postgres;
    private static Server h2;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
        h2 = Server.createTcpServer("-tcpPort", String.valueOf(MillraceServer.freePort()), "-ifNotExists")
                .start();
        try (Connection source = postgres.getPostgresDatabase().getConnection();
                Statement statement = source.createStatement()) {
            statement.execute("CREATE DATABASE odd_target");
            statement.execute("CREATE SCHEMA " + quote(SCHEMA));
            statement.execute("CREATE TABLE " + table() + " ("
                    + COLUMNS.stream()
                            .map(column -> quote(column) + (column.equals("id") ? " int PRIMARY KEY" : " text"))
                            .collect(Collectors.joining(", "))
                    + ")");
        }
        for (int id = 1; id <= VALUES.size(); id++) {
            insert(id);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        h2.stop();
        postgres.close();
    }

    @Test
    void oddNamesAndValuesLandInPostgresAndH2AsTheyAre(MillraceServer server) throws Exception {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        String source =
                created(admin.post("/api/v1/connections", postgresConnection("odd source", postgres, "postgres")));
        String pgTarget =
                created(admin.post("/api/v1/connections", postgresConnection("odd pg target", postgres, "odd_target")));
        String h2Target = created(admin.post(
                "/api/v1/connections",
                Map.of(
                        "name",
                        "odd h2 target",
                        "connector",
                        "h2",
                        "properties",
                        Map.of("url", h2Url(), "user", "sa"),
                        "secrets",
                        Map.of("password", ""))));
        JsonNode catalog =
                admin.get("/api/v1/connections/" + source + "/catalog").json();
        assertThat(catalog.findValuesAsText("schema")).contains(SCHEMA);
        assertThat(catalog.findValuesAsText("name")).contains(TABLE).containsAll(COLUMNS);
        String[] pg = landingTask(admin, "odd_pg", pgTarget, source).split(" ");
        String[] inH2 = landingTask(admin, "odd_h2", h2Target, source).split(" ");
        String toPostgres = pg[0];
        String toH2 = inH2[0];
        awaitStatus(admin, toPostgres, status -> status.path("state").asText().equals("cdc"));
        awaitStatus(admin, toH2, status -> status.path("state").asText().equals("cdc"));

        List<List<String>> loaded = sourceRows();
        for (int id = VALUES.size() + 1; id <= 2 * VALUES.size(); id++) {
            insert(id);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + table() + " SET "
                        + quote(COLUMNS.get(1)) + " = ?, " + quote(COLUMNS.get(7)) + " = ? WHERE " + quote("id")
                        + " = ?")) {
            for (int id = 1; id <= 3; id++) {
                update.setString(1, VALUES.get(id + 5));
                update.setString(2, VALUES.get(id));
                update.setInt(3, id);
                update.executeUpdate();
            }
            connection.createStatement().execute("DELETE FROM " + table() + " WHERE " + quote("id") + " = 4");
        }
        int changes = VALUES.size() + 3 + 1;
        awaitStatus(admin, toPostgres, status -> status.path("changesLanded").asLong() >= changes);
        awaitStatus(admin, toH2, status -> status.path("changesLanded").asLong() >= changes);
        List<List<String>> now = sourceRows();
        for (String storage : List.of(pg[1], inH2[1])) {
            awaitStatus(admin, storage, status -> status.path("state").asText().equals("running"));
            assertThat(admin.post(storage + "/actions/apply", Map.of()).status())
                    .isEqualTo(200);
            awaitStatus(
                    admin,
                    storage,
                    status ->
                            status.path("tables").path(0).path("changesApplied").asLong() >= changes);
        }

        try (Connection target = postgres.getDatabase("postgres", "odd_target").getConnection()) {
            assertLanded(target, "odd_pg_landing", loaded, now);
            assertStored(target, "odd_pg_storage", now);
        }
        try (Connection target = DriverManager.getConnection(h2Url(), "sa", "")) {
            assertLanded(target, "odd_h2_landing", loaded, now);
            assertStored(target, "odd_h2_storage", now);
        }

        for (String task : List.of(pg[1], inH2[1], toPostgres, toH2)) {
            assertThat(admin.post(task + "/actions/stop", Map.of()).status()).isEqualTo(200);
            assertThat(admin.delete(task).status()).isEqualTo(204);
        }
    }

    /**
     * JDBC's metadata lookups take names as LIKE patterns, where a backslash escapes the next
     * character: storage escapes the names it looks for, so it finds a landed table with one.
     */
    @Test
    void aBackslashInATableName(MillraceServer server) throws Exception {
        String table = "back\\slash";
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + quote(SCHEMA) + "." + quote(table) + " (id int PRIMARY KEY)");
            statement.execute("INSERT INTO " + quote(SCHEMA) + "." + quote(table) + " VALUES (1)");
        }
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        String source = created(
                admin.post("/api/v1/connections", postgresConnection("backslash source", postgres, "postgres")));
        String target = created(
                admin.post("/api/v1/connections", postgresConnection("backslash target", postgres, "odd_target")));
        String[] tasks =
                landingTask(admin, "odd_backslash", target, source, table).split(" ");
        awaitStatus(admin, tasks[1], status -> status.path("state").asText().equals("running"));
        for (String task : List.of(tasks[1], tasks[0])) {
            assertThat(admin.post(task + "/actions/stop", Map.of()).status()).isEqualTo(200);
            assertThat(admin.delete(task).status()).isEqualTo(204);
        }
    }

    /** The storage views show the source's rows now, current and live alike. */
    private static void assertStored(Connection target, String storage, List<List<String>> now) throws SQLException {
        String columns = COLUMNS.stream().map(OddNamesTest::quote).collect(Collectors.joining(", "));
        for (String view : List.of(TABLE, TABLE + "_live")) {
            assertThat(rows(
                            target,
                            "SELECT " + columns + " FROM " + quote(storage) + "." + quote(view) + " ORDER BY "
                                    + quote("id")))
                    .as("%s.%s", storage, view)
                    .isEqualTo(now);
        }
        assertThat(rows(
                        target,
                        "SELECT count(*) FROM " + quote(storage) + "." + quote(TABLE + "_history") + " WHERE "
                                + quote("__to_ts") + " IS NULL"))
                .containsExactly(List.of(String.valueOf(now.size())));
    }

    /** The full load holds the rows as loaded; replaying the changes on it gives the source's rows now. */
    private static void assertLanded(
            Connection target, String landing, List<List<String>> loaded, List<List<String>> now) throws SQLException {
        String landed = quote(landing) + "." + quote(TABLE);
        String columns = COLUMNS.stream().map(OddNamesTest::quote).collect(Collectors.joining(", "));
        assertThat(rows(target, "SELECT " + columns + " FROM " + landed + " ORDER BY " + quote("id")))
                .as("full load into %s", landing)
                .isEqualTo(loaded);
        List<List<String>> changes = rows(
                target,
                "SELECT " + quote("__op") + ", " + columns + " FROM " + quote(landing) + "." + quote(TABLE + "__ct")
                        + " ORDER BY " + quote("__seq"));
        java.util.TreeMap<Integer, List<String>> replayed = new java.util.TreeMap<>();
        loaded.forEach(row -> replayed.put(Integer.valueOf(row.get(0)), row));
        for (List<String> change : changes) {
            List<String> row = change.subList(1, change.size());
            switch (change.get(0)) {
                case "I", "U" -> replayed.put(Integer.valueOf(row.get(0)), new ArrayList<>(row));
                case "D" -> replayed.remove(Integer.valueOf(row.get(0)));
                default -> throw new AssertionError("Unexpected change " + change);
            }
        }
        assertThat(new ArrayList<>(replayed.values()))
                .as("changes landed in %s", landing)
                .isEqualTo(now);
    }

    private static String landingTask(Api admin, String project, String target, String source) {
        return landingTask(admin, project, target, source, TABLE);
    }

    private static String landingTask(Api admin, String project, String target, String source, String table) {
        String id = created(admin.post(
                "/api/v1/projects", Map.of("name", project, "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + id + "/tasks";
        String task = created(admin.post(
                tasks,
                Map.of(
                        "name", "land odd names",
                        "type", "landing",
                        "sourceConnection", source,
                        "tables", Map.of("tables", List.of(Map.of("schema", SCHEMA, "table", table))),
                        "mode", "full-load+cdc")));
        String storage = created(admin.post(
                tasks,
                Map.of(
                        "name",
                        "store odd names",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", task, "history", true, "applyIntervalSeconds", 3600))));
        Api.Response started = admin.post("/api/v1/projects/" + id + "/actions/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return tasks + "/" + task + " " + tasks + "/" + storage;
    }

    private static void insert(int id) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table() + " VALUES ("
                        + COLUMNS.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")")) {
            insert.setInt(1, id);
            for (int column = 1; column < COLUMNS.size(); column++) {
                insert.setString(column + 1, VALUES.get((id + column) % VALUES.size()));
            }
            insert.executeUpdate();
        }
    }

    private static List<List<String>> sourceRows() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return rows(
                    connection,
                    "SELECT " + COLUMNS.stream().map(OddNamesTest::quote).collect(Collectors.joining(", ")) + " FROM "
                            + table() + " ORDER BY " + quote("id"));
        }
    }

    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(java.util.Collections.unmodifiableList(row));
            }
        }
        return rows;
    }

    private static String table() {
        return quote(SCHEMA) + "." + quote(TABLE);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String h2Url() {
        return "jdbc:h2:tcp://localhost:" + h2.getPort() + "/mem:oddnames;DB_CLOSE_DELAY=-1";
    }
}
