package io.millrace.it;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;
import static io.millrace.it.Fixtures.execute;
import static io.millrace.it.Fixtures.postgresConnection;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A landing project through the REST API of a server of its own: PostgreSQL into PostgreSQL, full
 * load, then changes, across a server restart, and clean removal of the replication slot.
 */
class LandingTaskTest {
    private static EmbeddedPostgres postgres;
    private static MillraceServer server;
    private static Api admin;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
        execute(postgres, "postgres", "CREATE DATABASE warehouse");
        server = MillraceServer.install(SharedServer.newHome("landing"));
        admin = Api.anonymous(server).login("admin", server.adminPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        postgres.close();
    }

    @Test
    void aLandingTaskLoadsStreamsSurvivesARestartAndCleansUpAfterItself() throws Exception {
        execute(
                postgres,
                "postgres",
                "CREATE TABLE public.customers (id int PRIMARY KEY, name text, since date)",
                "INSERT INTO public.customers SELECT i, 'customer ' || i, DATE '2020-01-01' + i FROM generate_series(1, 500) i",
                "CREATE TABLE public.audit (at timestamptz DEFAULT now(), what text)",
                "INSERT INTO public.audit (what) VALUES ('created')");
        String source = connection("shop source", "postgres");
        String target = connection("warehouse", "warehouse");
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "shop", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        String task = created(admin.post(
                tasks,
                Map.of(
                        "name", "land shop",
                        "type", "landing",
                        "sourceConnection", source,
                        "tables", Map.of("include", List.of("public.%")),
                        "mode", "full-load+cdc")));
        String taskPath = tasks + "/" + task;

        Api.Response started = admin.post(taskPath + "/actions/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        JsonNode status =
                awaitStatus(admin, taskPath, s -> s.path("state").asText().equals("cdc"));
        String slot = status.path("captureName").asText();
        assertThat(slot).startsWith("millrace_");
        assertThat(query("postgres", "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'"))
                .containsExactly("1");
        assertThat(status.path("tables").findValuesAsText("rowsLoaded")).containsExactly("1", "500");
        assertThat(status.path("tables").get(0).path("note").asText()).contains("no primary key");
        assertThat(query("warehouse", "SELECT count(*) FROM shop_landing.customers"))
                .containsExactly("500");

        execute(
                postgres,
                "postgres",
                "UPDATE public.customers SET name = 'renamed' WHERE id = 1",
                "DELETE FROM public.customers WHERE id = 2");
        awaitStatus(admin, taskPath, s -> s.path("changesLanded").asLong() >= 2);

        server.stop();
        execute(
                postgres,
                "postgres",
                "INSERT INTO public.customers VALUES (501, 'while the server was down', DATE '2026-11-26')");
        server.start();
        admin = Api.anonymous(server).login("admin", server.adminPassword());
        awaitStatus(
                admin,
                taskPath,
                s -> s.path("state").asText().equals("cdc")
                        && s.path("changesLanded").asLong() >= 1);

        assertThat(
                        query(
                                "warehouse",
                                "SELECT __op || ':' || id || ':' || coalesce(name, '-') FROM shop_landing.customers__ct ORDER BY __seq"))
                .containsExactly("U:1:renamed", "D:2:-", "I:501:while the server was down");
        assertThat(query("warehouse", "SELECT last_seq FROM shop_landing.__millrace_state"))
                .containsExactly("3");

        Api.Response reloaded =
                admin.post(taskPath + "/actions/reload", Map.of("schema", "public", "table", "customers"));
        assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
        awaitStatus(
                admin,
                taskPath,
                s -> s.path("state").asText().equals("cdc")
                        && s.path("tables").get(1).path("rowsLoaded").asLong() == 500);
        assertThat(query("warehouse", "SELECT count(*) FROM shop_landing.customers"))
                .containsExactly("500");

        Api.Response inUse = admin.delete("/api/v1/connections/" + source);
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.json().path("detail").asText()).contains("land shop");

        Api.Response stopped = admin.post(taskPath + "/actions/stop", Map.of());
        assertThat(stopped.json().path("state").asText()).isEqualTo("stopped");
        assertThat(admin.delete(taskPath).status()).isEqualTo(204);
        assertThat(query("postgres", "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'"))
                .containsExactly("0");
        assertThat(admin.get(taskPath).status()).isEqualTo(404);
    }

    @Test
    void aStorageTaskKeepsCurrentAndHistoryTablesOfWhatLands() throws Exception {
        execute(
                postgres,
                "postgres",
                "CREATE SCHEMA stock",
                "CREATE TABLE stock.items (sku text PRIMARY KEY, qty int)",
                "INSERT INTO stock.items VALUES ('a', 1), ('b', 2)",
                "CREATE TABLE stock.moves (day int, sku text, qty int)",
                "INSERT INTO stock.moves VALUES (1, 'a', 5), (2, 'a', -1)");
        String source = connection("stock source", "postgres");
        String target = connection("stock target", "warehouse");
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "stock", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        String landing = created(landingTask(tasks, source, Map.of("include", List.of("stock.%")), "full-load+cdc"));
        String storage = created(admin.post(
                tasks,
                Map.of(
                        "name",
                        "store",
                        "type",
                        "storage",
                        "storage",
                        Map.of(
                                "landingTask",
                                landing,
                                "history",
                                true,
                                "applyIntervalSeconds",
                                3600,
                                "keyColumns",
                                Map.of("stock.moves", List.of("day", "sku"))))));
        Api.Response badKey = admin.post(
                tasks,
                Map.of(
                        "name",
                        "keys",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", landing, "keyColumns", Map.of("stock.moves", List.of("nope")))));
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.json().path("detail").asText()).contains("has no column nope");
        Api.Response badSchedule = admin.post(
                tasks,
                Map.of(
                        "name",
                        "cron",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", landing, "applySchedule", "61 * * * *")));
        assertThat(badSchedule.status()).isEqualTo(422);
        assertThat(badSchedule.json().path("detail").asText()).contains("applySchedule", "five fields");
        Api.Response badRetention = admin.post(
                tasks,
                Map.of(
                        "name",
                        "forever",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", landing, "appliedChangesRetentionHours", -1)));
        assertThat(badRetention.status()).isEqualTo(422);
        assertThat(badRetention.json().path("detail").asText()).contains("appliedChangesRetentionHours");
        Api.Response second = admin.post(
                tasks, Map.of("name", "again", "type", "storage", "storage", Map.of("landingTask", landing)));
        assertThat(second.status()).isEqualTo(409);

        Api.Response started = admin.post("/api/v1/projects/" + project + "/actions/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        awaitStatus(admin, tasks + "/" + landing, s -> s.path("state").asText().equals("cdc"));
        awaitStatus(
                admin,
                tasks + "/" + storage,
                s -> s.path("state").asText().equals("running")
                        && !s.path("tables").get(0).path("lastApplyAt").isNull());
        assertThat(query("warehouse", "SELECT sku || qty FROM stock_storage.items ORDER BY sku"))
                .containsExactly("a1", "b2");

        execute(
                postgres,
                "postgres",
                "UPDATE stock.items SET qty = 10 WHERE sku = 'a'",
                "DELETE FROM stock.items WHERE sku = 'b'",
                "UPDATE stock.moves SET qty = -2 WHERE day = 2");
        // The keyless table's update lands as the old row's delete and the new row's insert.
        awaitStatus(admin, tasks + "/" + landing, s -> s.path("changesLanded").asLong() >= 4);
        // The hour-long interval has not passed: current lags, live does not, and the status says so.
        JsonNode lagging = awaitStatus(
                admin,
                tasks + "/" + storage,
                s -> s.path("tables").path(0).path("pendingChanges").asLong() == 2);
        assertThat(lagging.path("tables").path(0).path("lagMillis").asLong()).isPositive();
        assertThat(query("warehouse", "SELECT sku || qty FROM stock_storage.items ORDER BY sku"))
                .containsExactly("a1", "b2");
        assertThat(query("warehouse", "SELECT sku || qty FROM stock_storage.items_live ORDER BY sku"))
                .containsExactly("a10");

        Api.Response applied = admin.post(tasks + "/" + storage + "/actions/apply", Map.of());
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        awaitStatus(
                admin,
                tasks + "/" + storage,
                s -> s.path("tables").findValues("changesApplied").stream()
                                .mapToLong(JsonNode::asLong)
                                .sum()
                        >= 4);
        assertThat(query("warehouse", "SELECT day || sku || qty FROM stock_storage.moves ORDER BY day"))
                .containsExactly("1a5", "2a-2");
        assertThat(query("warehouse", "SELECT sku || qty FROM stock_storage.items ORDER BY sku"))
                .containsExactly("a10");
        assertThat(query(
                        "warehouse",
                        "SELECT sku || qty || coalesce(to_char(__to_ts, 'YYYY'), '-') FROM"
                                + " stock_storage.items_history ORDER BY sku, __seq"))
                .hasSize(3)
                .contains("a10-");

        // Verification compares the source with storage, through the landing task or the storage task.
        Api.Response verifying =
                admin.post(tasks + "/" + landing + "/actions/verify", Map.of("tables", List.of("stock.items")));
        assertThat(verifying.status()).as(verifying.body()).isEqualTo(202);
        String report = tasks + "/" + storage + "/verifications/"
                + verifying.json().path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode verified = admin.get(report).json();
        while (verified.path("state").asText().equals("running") && System.nanoTime() < deadline) {
            MillraceServer.sleep(Duration.ofMillis(200));
            verified = admin.get(report).json();
        }
        assertThat(verified.path("state").asText()).as(verified.toString()).isEqualTo("finished");
        assertThat(verified.path("tables")).hasSize(1);
        assertThat(verified.path("tables").get(0).path("outcome").asText()).isEqualTo("equal");
        assertThat(verified.path("tables").get(0).path("sourceRows").asLong()).isEqualTo(1);
        assertThat(admin.get(tasks + "/" + storage + "/verifications").json()).hasSize(1);
        Api.Response unknownTable =
                admin.post(tasks + "/" + storage + "/actions/verify", Map.of("tables", List.of("stock.nope")));
        assertThat(unknownTable.status()).isEqualTo(422);
        assertThat(unknownTable.json().path("detail").asText()).contains("stock.nope");
        assertThat(admin.get(tasks + "/" + storage + "/verifications/nope").status())
                .isEqualTo(404);

        Api.Response stopped = admin.post("/api/v1/projects/" + project + "/actions/stop", Map.of());
        assertThat(stopped.json().findValuesAsText("state")).containsOnly("stopped");
        assertThat(admin.post(tasks + "/" + landing + "/actions/apply", Map.of())
                        .status())
                .isEqualTo(422);
        assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
    }

    @Test
    void unusableTasksAreRefusedWithTheReason() throws Exception {
        execute(postgres, "postgres", "CREATE TABLE IF NOT EXISTS public.lonely (id int PRIMARY KEY)");
        String source = connection("refusals source", "postgres");
        String target = connection("refusals target", "warehouse");
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "refusals", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";

        Api.Response nothing = landingTask(tasks, source, Map.of("include", List.of("nowhere.%")), "full-load");
        Api.Response badMode = landingTask(tasks, source, Map.of("include", List.of("public.%")), "sometimes");
        Api.Response missing = landingTask(
                tasks, source, Map.of("tables", List.of(Map.of("schema", "public", "table", "nope"))), "full-load");
        Api.Response badName = admin.post(
                "/api/v1/projects", Map.of("name", "two words", "type", "replication", "targetConnection", target));
        Api.Response malformed = admin.postRaw(tasks, "application/json", "{\"name\": ".getBytes());

        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.json().path("detail").asText()).contains("matches no table");
        assertThat(badMode.status()).isEqualTo(422);
        assertThat(badMode.json().path("detail").asText()).contains("full-load+cdc");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("detail").asText()).contains("public.nope");
        assertThat(badName.status()).isEqualTo(422);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(admin.get(tasks).json()).isEmpty();
        assertThat(admin.get("/api/v1/projects/no-such-project/tasks").status()).isEqualTo(404);
    }

    private static Api.Response landingTask(String tasks, String source, Map<String, ?> tables, String mode) {
        return admin.post(
                tasks,
                Map.of("name", "t", "type", "landing", "sourceConnection", source, "tables", tables, "mode", mode));
    }

    private static String connection(String name, String database) {
        return created(admin.post("/api/v1/connections", postgresConnection(name, postgres, database)));
    }

    private static List<String> query(String database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
