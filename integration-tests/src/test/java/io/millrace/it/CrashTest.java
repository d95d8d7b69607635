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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server killed (SIGKILL) during a full load, while it streams changes, or while it applies
 * changes to storage loses nothing and doubles nothing.
 */
class CrashTest {
    private static final int ROWS = 50_000;
    private static final int UPDATES = 3;

    @Test
    void killingTheServerDuringAnApplyLeavesTheSameResultAsNotKillingIt() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("wal_level", "logical")
                        .start();
                MillraceServer server = MillraceServer.install(SharedServer.newHome("storage-crash"))) {
            execute(
                    postgres,
                    "postgres",
                    "CREATE DATABASE warehouse",
                    "CREATE TABLE public.big (id int PRIMARY KEY, v int)",
                    "INSERT INTO public.big SELECT i, 0 FROM generate_series(1, " + ROWS + ") i");
            Api admin = Api.anonymous(server).login("admin", server.adminPassword());
            String source = created(
                    admin.post("/api/v1/connections", postgresConnection("crash source", postgres, "postgres")));
            String target = created(
                    admin.post("/api/v1/connections", postgresConnection("crash target", postgres, "warehouse")));
            String project = created(admin.post(
                    "/api/v1/projects", Map.of("name", "crash", "type", "replication", "targetConnection", target)));
            String tasks = "/api/v1/projects/" + project + "/tasks";
            String landing = created(admin.post(
                    tasks,
                    Map.of(
                            "name",
                            "land",
                            "type",
                            "landing",
                            "sourceConnection",
                            source,
                            "tables",
                            Map.of("include", java.util.List.of("public.big")),
                            "mode",
                            "full-load+cdc")));
            String storage = created(admin.post(
                    tasks,
                    Map.of(
                            "name",
                            "store",
                            "type",
                            "storage",
                            "storage",
                            Map.of("landingTask", landing, "applyIntervalSeconds", 3600))));
            assertThat(admin.post("/api/v1/projects/" + project + "/actions/start", Map.of())
                            .status())
                    .isEqualTo(200);
            awaitStatus(
                    admin, tasks + "/" + storage, s -> s.path("tables").path(0).hasNonNull("lastApplyAt"));

            for (int i = 0; i < UPDATES; i++) {
                execute(postgres, "postgres", "UPDATE public.big SET v = v + 1");
            }
            awaitStatus(
                    admin, tasks + "/" + landing, s -> s.path("changesLanded").asLong() >= (long) ROWS * UPDATES);
            admin.post(tasks + "/" + storage + "/actions/apply", Map.of());
            MillraceServer.sleep(Duration.ofMillis(400));
            server.kill();
            long appliedAtKill = count(postgres, "SELECT applied_seq FROM crash_storage_internal.__millrace_apply");

            server.start();
            Api again = Api.anonymous(server).login("admin", server.adminPassword());
            again.post(tasks + "/" + storage + "/actions/apply", Map.of());
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (count(postgres, "SELECT count(*) FROM crash_storage.big_changes") > 0
                    && System.nanoTime() < deadline) {
                MillraceServer.sleep(Duration.ofMillis(500));
            }

            assertThat(appliedAtKill).as("an apply is all or nothing").isIn(0L, (long) ROWS * UPDATES);
            assertThat(count(postgres, "SELECT count(*) FROM crash_storage.big WHERE v = " + UPDATES))
                    .isEqualTo(ROWS);
            assertThat(count(postgres, "SELECT count(*) FROM crash_storage.big_history"))
                    .isEqualTo((long) ROWS * (UPDATES + 1));
            assertThat(count(
                            postgres,
                            "SELECT count(*) FROM (SELECT id, __seq FROM crash_storage.big_history"
                                    + " GROUP BY id, __seq HAVING count(*) > 1) doubled"))
                    .isZero();
            again.post("/api/v1/projects/" + project + "/actions/stop", Map.of());
            again.delete("/api/v1/projects/" + project);
        }
    }

    @Test
    void killingTheServerDuringAFullLoadAndWhileStreamingLosesAndDoublesNothing() throws Exception {
        int rows = 200_000;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setServerConfig("wal_level", "logical")
                        .start();
                MillraceServer server = MillraceServer.install(SharedServer.newHome("landing-crash"))) {
            // Small key ranges, one at a time: the load takes long enough to be killed in the middle.
            server.stop();
            java.nio.file.Files.writeString(
                    server.home().resolve("etc/io.millrace.engine.cfg"), "loadParallelism=1\nrowsPerRange=1000\n");
            server.start();
            execute(
                    postgres,
                    "postgres",
                    "CREATE DATABASE warehouse",
                    "CREATE TABLE public.wide (id int PRIMARY KEY, v int, pad text)",
                    "INSERT INTO public.wide SELECT i, 0, repeat('x', 200) FROM generate_series(1, " + rows + ") i",
                    "ANALYZE public.wide");
            Api admin = Api.anonymous(server).login("admin", server.adminPassword());
            String source =
                    created(admin.post("/api/v1/connections", postgresConnection("source", postgres, "postgres")));
            String target =
                    created(admin.post("/api/v1/connections", postgresConnection("target", postgres, "warehouse")));
            String project = created(admin.post(
                    "/api/v1/projects", Map.of("name", "kill", "type", "replication", "targetConnection", target)));
            String tasks = "/api/v1/projects/" + project + "/tasks";
            String landing = created(admin.post(
                    tasks,
                    Map.of(
                            "name",
                            "land",
                            "type",
                            "landing",
                            "sourceConnection",
                            source,
                            "tables",
                            Map.of("include", java.util.List.of("public.wide")),
                            "mode",
                            "full-load+cdc")));
            created(admin.post(
                    tasks, Map.of("name", "store", "type", "storage", "storage", Map.of("landingTask", landing))));
            admin.post("/api/v1/projects/" + project + "/actions/start", Map.of());
            awaitStatus(
                    admin,
                    tasks + "/" + landing,
                    s -> s.path("tables").path(0).path("rangesLoaded").asInt() >= 2);
            JsonNode atKill = admin.get(tasks + "/" + landing + "/status").json();
            server.kill();
            assertThat(atKill.path("state").asText())
                    .as("killed during the full load")
                    .isEqualTo("full-load");

            server.start();
            Api again = Api.anonymous(server).login("admin", server.adminPassword());
            awaitStatus(
                    again, tasks + "/" + landing, s -> s.path("state").asText().equals("cdc"));
            assertThat(count(postgres, "SELECT count(*) FROM kill_landing.wide"))
                    .isEqualTo(rows);
            assertThat(count(postgres, "SELECT count(DISTINCT id) FROM kill_landing.wide"))
                    .isEqualTo(rows);

            // Killed while changes stream: one-row transactions, then the server is killed in their midst.
            Thread writer = new Thread(() -> {
                try (Connection connection = postgres.getPostgresDatabase().getConnection();
                        Statement statement = connection.createStatement()) {
                    for (int i = 1; i <= 3000; i++) {
                        statement.execute("UPDATE public.wide SET v = v + 1 WHERE id = " + i);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            awaitStatus(
                    again, tasks + "/" + landing, s -> s.path("changesLanded").asLong() >= 300);
            server.kill();
            writer.join();
            server.start();
            Api third = Api.anonymous(server).login("admin", server.adminPassword());
            awaitStatus(
                    third, tasks + "/" + landing, s -> s.path("state").asText().equals("cdc"));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (count(postgres, "SELECT count(*) FROM kill_landing.wide__ct") < 3000
                    && System.nanoTime() < deadline) {
                MillraceServer.sleep(Duration.ofMillis(250));
            }
            assertThat(count(postgres, "SELECT count(*) FROM kill_landing.wide__ct"))
                    .isEqualTo(3000);
            assertThat(count(postgres, "SELECT count(DISTINCT __tx) FROM kill_landing.wide__ct"))
                    .isEqualTo(3000);

            Api.Response verifying = third.post(tasks + "/" + landing + "/actions/verify", Map.of());
            assertThat(verifying.status()).as(verifying.body()).isEqualTo(202);
            String report = tasks + "/" + verifying.json().path("taskId").asText() + "/verifications/"
                    + verifying.json().path("id").asText();
            JsonNode verified = third.get(report).json();
            while (verified.path("state").asText().equals("running") && System.nanoTime() < deadline) {
                MillraceServer.sleep(Duration.ofMillis(250));
                verified = third.get(report).json();
            }
            assertThat(verified.path("tables").path(0).path("outcome").asText())
                    .as(verified.toString())
                    .isEqualTo("equal");
            third.post("/api/v1/projects/" + project + "/actions/stop", Map.of());
            third.delete("/api/v1/projects/" + project);
        }
    }

    private static long count(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection =
                        postgres.getDatabase("postgres", "warehouse").getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
