package io.millrace.it;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.connector.mariadb.internal.TestMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB as the target of the packaged server: a MariaDB table lands, with its changes, into the
 * landing database of a MariaDB target, and storage builds the current and history tables and the
 * views there.
 */
class MariaDbTargetTest {
    private static final String LONG_NAME = "long_" + "n".repeat(54) + "1";
    private static TestMariaDb mariaDb;
    private static MillraceServer server;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = TestMariaDb.start();
        server = MillraceServer.install(SharedServer.newHome("mariadb-target"));
        admin = Api.anonymous(server).login("admin", server.adminPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        mariaDb.close();
    }

    @Test
    void landingAndStorageInMariaDbGiveViewsEqualToTheSource() throws Exception {
        mariaDb.execute(
                "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance DECIMAL(12,2),"
                        + " opened DATETIME(6))",
                "INSERT INTO accounts VALUES (1, 'ann', 10.00, '2024-01-01 10:00:00.5'),"
                        + " (2, 'bob', 20.00, NULL), (3, 'Cy', 30.00, '2024-02-29 23:59:59.999999')",
                // A key longer than a target VARCHAR: LONGTEXT there, whose lookup indexes take a prefix.
                "CREATE TABLE notes (k VARCHAR(1000) CHARACTER SET latin1 PRIMARY KEY, body VARCHAR(10))",
                "INSERT INTO notes VALUES (CONCAT(REPEAT('n', 300), 'a'), 'first'), (CONCAT(REPEAT('n', 300), 'b'), 'second')",
                // 60 characters: T__current and the views T_live, T_history, ... would pass MariaDB's 64.
                "CREATE TABLE " + LONG_NAME + " (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO " + LONG_NAME + " VALUES (1, 'one'), (2, 'two')");
        String source = created(
                admin.post("/api/v1/connections", connection("shop source", "millrace", "secret-password", "shop")));
        // A target needs no databases, and its test says it is a target though its source steps fail.
        String target =
                created(admin.post("/api/v1/connections", connection("shop target", "admin", "admin-password", null)));
        JsonNode tested =
                admin.post("/api/v1/connections/" + target + "/test", Map.of()).json();
        assertThat(tested.path("usableAsTarget").asBoolean())
                .as(tested.toString())
                .isTrue();
        assertThat(tested.path("usableAsSource").asBoolean()).isFalse();
        assertThat(tested.path("steps").findValuesAsText("use")).contains("ANY", "SOURCE", "TARGET");
        // <project>_storage_internal must fit MariaDB's 64 characters.
        Api.Response tooLong = admin.post(
                "/api/v1/projects", Map.of("name", "p".repeat(48), "type", "replication", "targetConnection", target));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(422);
        assertThat(tooLong.json().path("detail").asText()).contains("at most 47 characters");
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "mt", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        Api.Response refused = admin.post(
                tasks,
                Map.of(
                        "name", "land from the target",
                        "type", "landing",
                        "sourceConnection", target,
                        "tables", Map.of("include", List.of("shop.%")),
                        "mode", "full-load"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.json().path("detail").asText())
                .contains("used as a source")
                .contains("'databases'")
                .contains("PUT /api/v1/connections/" + target);
        String landing = created(admin.post(
                tasks,
                Map.of(
                        "name", "land shop",
                        "type", "landing",
                        "sourceConnection", source,
                        "tables", Map.of("include", List.of("shop.%")),
                        "mode", "full-load+cdc")));
        String storage = created(admin.post(
                tasks,
                Map.of(
                        "name",
                        "store shop",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", landing, "history", true, "applyIntervalSeconds", 3600))));
        Api.Response started = admin.post("/api/v1/projects/" + project + "/actions/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        awaitStatus(admin, tasks + "/" + landing, s -> s.path("state").asText().equals("cdc"));
        assertThat(query("SELECT CONCAT_WS('|', id, owner, balance, opened) FROM mt_landing.accounts ORDER BY id"))
                .containsExactly(
                        "1|ann|10.00|2024-01-01 10:00:00.500000",
                        "2|bob|20.00",
                        "3|Cy|30.00|2024-02-29 23:59:59.999999");

        mariaDb.execute(
                "UPDATE accounts SET balance = 11.00 WHERE id = 1",
                "DELETE FROM accounts WHERE id = 2",
                "UPDATE accounts SET id = 30 WHERE id = 3",
                "INSERT INTO accounts VALUES (2, 'bob', 21.00, NULL)",
                "INSERT INTO accounts VALUES (4, 'cy', 40.00, NULL)",
                "UPDATE notes SET body = 'changed' WHERE k = CONCAT(REPEAT('n', 300), 'b')",
                "UPDATE " + LONG_NAME + " SET v = 'uno' WHERE id = 1");
        // Not applied yet: the live view shows the changes as they land.
        List<String> expected = sourceRows();
        awaitStatus(
                admin,
                tasks + "/" + landing,
                s -> s.path("changesLanded").asLong() >= 7
                        && querySafely("SELECT CONCAT_WS('|', id, owner, balance) FROM mt_storage.accounts_live"
                                        + " ORDER BY id")
                                .equals(expected));

        Api.Response applied = admin.post(tasks + "/" + storage + "/actions/apply", Map.of());
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        awaitStatus(
                admin,
                tasks + "/" + storage,
                s -> s.path("tables").findValues("changesApplied").stream()
                                .mapToLong(JsonNode::asLong)
                                .sum()
                        >= 7);
        assertThat(query("SELECT CONCAT_WS('|', id, owner, balance) FROM mt_storage.accounts ORDER BY id"))
                .isEqualTo(sourceRows())
                .containsExactly("1|ann|11.00", "2|bob|21.00", "4|cy|40.00", "30|Cy|30.00");
        assertThat(query("SELECT COUNT(*) FROM mt_storage.accounts_changes")).containsExactly("0");
        assertThat(query("SELECT CONCAT_WS('|', RIGHT(k, 2), LENGTH(k), body) FROM mt_storage.notes ORDER BY k"))
                .containsExactly("na|301|first", "nb|301|changed");
        // Closed versions: 1 at 10.00, 2 deleted, 3 moved to 30; open: the four current rows.
        assertThat(query("SELECT CONCAT_WS('|', id, balance, __to_ts IS NULL) FROM mt_storage.accounts_history"
                        + " ORDER BY id, __seq"))
                .containsExactly(
                        "1|10.00|0", "1|11.00|1", "2|20.00|0", "2|21.00|1", "3|30.00|0", "4|40.00|1", "30|30.00|1");

        assertThat(query("SELECT CONCAT_WS('|', id, v) FROM mt_storage." + LONG_NAME + " ORDER BY id"))
                .containsExactly("1|uno", "2|two");
        // Its derived names are shortened with a hash, to MariaDB's 64 characters.
        List<String> history = query("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'mt_storage'"
                + " AND TABLE_NAME LIKE 'long\\_%\\_history'");
        assertThat(history)
                .singleElement()
                .satisfies(name -> assertThat(name).hasSize(64).startsWith(LONG_NAME.substring(0, 40)));
        assertThat(query("SELECT CONCAT_WS('|', id, v, __to_ts IS NULL) FROM mt_storage.`" + history.get(0)
                        + "` ORDER BY id, __seq"))
                .containsExactly("1|one|0", "1|uno|1", "2|two|1");
        assertThat(query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'mt_storage_internal'"
                        + " AND TABLE_NAME LIKE 'long\\_%' AND TABLE_TYPE = 'BASE TABLE'"))
                .containsExactly("3");

        // Verification compares the source with storage in MariaDB: equal, until a stored row is altered.
        JsonNode verified = verify(tasks + "/" + storage, Map.of());
        assertThat(verified.path("tables").findValuesAsText("outcome"))
                .as(verified.toString())
                .hasSize(3)
                .containsOnly("equal");
        try (Connection connection = mariaDb.connectAsRoot();
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE mt_storage_internal.accounts__current SET balance = 99.99 WHERE id = 1");
        }
        JsonNode altered = verify(tasks + "/" + storage, Map.of("tables", List.of("shop.accounts")));
        JsonNode accounts = altered.path("tables").get(0);
        assertThat(accounts.path("outcome").asText()).as(altered.toString()).isEqualTo("differing");
        assertThat(List.of(
                        accounts.path("missing").asLong(),
                        accounts.path("extra").asLong(),
                        accounts.path("different").asLong()))
                .containsExactly(0L, 0L, 1L);
        assertThat(accounts.path("samples").get(0).path("key").toString())
                .contains("\"id\"")
                .contains("1");
        assertThat(accounts.path("samples")
                        .get(0)
                        .path("target")
                        .path("balance")
                        .asText())
                .isEqualTo("99.99");
        assertThat(accounts.path("samples")
                        .get(0)
                        .path("source")
                        .path("balance")
                        .asText())
                .isEqualTo("11.00");

        Api.Response stopped = admin.post("/api/v1/projects/" + project + "/actions/stop", Map.of());
        assertThat(stopped.json().findValuesAsText("state")).containsOnly("stopped");
        assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
    }

    /** Starts a verification and waits up to two minutes for its report. */
    private static JsonNode verify(String task, Map<String, Object> request) {
        Api.Response verifying = admin.post(task + "/actions/verify", request);
        assertThat(verifying.status()).as(verifying.body()).isEqualTo(202);
        String report = task + "/verifications/" + verifying.json().path("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode verified = admin.get(report).json();
        while (verified.path("state").asText().equals("running") && System.nanoTime() < deadline) {
            MillraceServer.sleep(Duration.ofMillis(200));
            verified = admin.get(report).json();
        }
        assertThat(verified.path("state").asText()).as(verified.toString()).isEqualTo("finished");
        return verified;
    }

    /** A connection's request; {@code databases} null for a connection used only as a target. */
    private static Map<String, Object> connection(String name, String user, String password, String databases) {
        Map<String, String> properties =
                new HashMap<>(Map.of("host", "127.0.0.1", "port", String.valueOf(mariaDb.port()), "user", user));
        if (databases != null) {
            properties.put("databases", databases);
        }
        return Map.of(
                "name",
                name,
                "connector",
                "mariadb",
                "properties",
                properties,
                "secrets",
                Map.of("password", password));
    }

    private static List<String> sourceRows() throws SQLException {
        return query("SELECT CONCAT_WS('|', id, owner, balance) FROM shop.accounts ORDER BY id");
    }

    private static List<String> querySafely(String sql) {
        try {
            return query(sql);
        } catch (SQLException e) {
            return List.of(); // the views are not there yet
        }
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = mariaDb.connectAsRoot();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
