package io.millrace.it;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;
import static io.millrace.it.Fixtures.execute;
import static io.millrace.it.Fixtures.postgresConnection;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /metrics as Prometheus scrapes it: the JVM, HTTP requests, and a real task's progress. */
@ExtendWith(SharedServer.class)
class MetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*\\})?) (\\S+)$");

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
        execute(postgres, "postgres", "CREATE DATABASE metrics_warehouse");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void scrapesShowTheJvmRequestsAndEveryTasksProgress(MillraceServer server) throws Exception {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        execute(
                postgres,
                "postgres",
                "CREATE SCHEMA metered",
                "CREATE TABLE metered.items (id int PRIMARY KEY, name text)",
                "INSERT INTO metered.items SELECT i, 'item ' || i FROM generate_series(1, 1234) i");
        String source =
                created(admin.post("/api/v1/connections", postgresConnection("metrics source", postgres, "postgres")));
        String target = created(
                admin.post("/api/v1/connections", postgresConnection("metrics target", postgres, "metrics_warehouse")));
        String project = created(admin.post(
                "/api/v1/projects", Map.of("name", "metered", "type", "replication", "targetConnection", target)));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        String landing = created(admin.post(
                tasks,
                Map.of(
                        "name", "land items",
                        "type", "landing",
                        "sourceConnection", source,
                        "tables", Map.of("include", List.of("metered.%")),
                        "mode", "full-load+cdc")));
        String storage = created(admin.post(
                tasks,
                Map.of(
                        "name",
                        "store items",
                        "type",
                        "storage",
                        "storage",
                        Map.of("landingTask", landing, "history", false, "applyIntervalSeconds", 1))));
        assertThat(admin.post("/api/v1/projects/" + project + "/actions/start", Map.of())
                        .status())
                .isEqualTo(200);
        awaitStatus(admin, tasks + "/" + landing, s -> s.path("state").asText().equals("cdc"));
        execute(
                postgres,
                "postgres",
                "INSERT INTO metered.items VALUES (2001, 'new')",
                "UPDATE metered.items SET name = 'renamed' WHERE id = 1",
                "DELETE FROM metered.items WHERE id = 2");
        awaitStatus(admin, tasks + "/" + landing, s -> s.path("changesLanded").asLong() >= 3);
        awaitStatus(
                admin,
                tasks + "/" + storage,
                s -> s.path("tables").path(0).path("changesApplied").asLong() >= 3);

        Map<String, Double> metrics = scrape(server);
        String land = "project=\"metered\",task=\"land items\",type=\"landing\"";
        String landTable =
                "project=\"metered\",schema=\"metered\",table=\"items\",task=\"land items\",type=\"landing\"";
        String storeTable =
                "project=\"metered\",schema=\"metered\",table=\"items\",task=\"store items\",type=\"storage\"";
        assertThat(metrics.get("millrace_table_rows_loaded{" + landTable + "}")).isEqualTo(1234.0);
        assertThat(metrics.get("millrace_table_changes_landed_total{" + landTable + "}"))
                .isGreaterThanOrEqualTo(3.0);
        assertThat(metrics.get("millrace_task_changes_landed_total{" + land + "}"))
                .isGreaterThanOrEqualTo(3.0);
        assertThat(metrics.get("millrace_task_state{project=\"metered\",state=\"cdc\",task=\"land items\","
                        + "type=\"landing\"}"))
                .isEqualTo(1.0);
        assertThat(metrics.get("millrace_task_state{project=\"metered\",state=\"failed\",task=\"land items\","
                        + "type=\"landing\"}"))
                .isEqualTo(0.0);
        assertThat(metrics.get("millrace_task_error{" + land + "}")).isEqualTo(0.0);
        assertThat(metrics.get("millrace_task_latency_seconds{" + land + "}")).isNotNull();
        assertThat(metrics.get("millrace_table_changes_applied_total{" + storeTable + "}"))
                .isGreaterThanOrEqualTo(3.0);
        assertThat(metrics.get("millrace_table_pending_changes{" + storeTable + "}"))
                .isNotNull();
        assertThat(metrics.get("millrace_table_lag_seconds{" + storeTable + "}"))
                .isNotNull();
        assertThat(metrics.get("jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
        assertThat(metrics.get("jvm_threads_current")).isPositive();
        assertThat(metrics.get("process_uptime_seconds")).isPositive();
        assertThat(metrics.keySet()).anyMatch(name -> name.startsWith("jvm_gc_collection_seconds_count{"));

        String found = "http_server_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/projects/{id}\","
                + "status=\"200\"}";
        String missing = "http_server_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/projects/{id}\","
                + "status=\"404\"}";
        for (int i = 0; i < 5; i++) {
            assertThat(admin.get("/api/v1/projects/" + project).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/api/v1/projects/no-such-project-" + i).status())
                    .isEqualTo(404);
        }
        Map<String, Double> after = scrape(server);
        assertThat(after.get(found)).isEqualTo(metrics.getOrDefault(found, 0.0) + 5);
        assertThat(after.get(missing)).isEqualTo(metrics.getOrDefault(missing, 0.0) + 3);
        // Ids never become label values: every request above is under its route template.
        assertThat(after.keySet()).noneMatch(name -> name.contains(project) || name.contains("no-such-project"));

        assertThat(admin.post("/api/v1/projects/" + project + "/actions/stop", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(admin.delete(tasks + "/" + storage).status()).isEqualTo(204);
        assertThat(admin.delete(tasks + "/" + landing).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/projects/" + project).status()).isEqualTo(204);
        assertThat(scrape(server).keySet()).noneMatch(name -> name.contains("project=\"metered\""));
    }

    @Test
    void withAuthenticationOnAScrapeNeedsAKeyOfAUserWhoMayViewTheSystem(MillraceServer server) throws Exception {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        String key = admin.post("/api/v1/api-keys", Map.of("name", "prometheus"))
                .json()
                .path("secret")
                .asText();
        Path configuration = server.home().resolve("etc/io.millrace.metrics.cfg");
        String original = Files.readString(configuration);
        try {
            Files.writeString(configuration, "authenticated=true\n");
            waitForScrapeStatus(Api.anonymous(server), 401);
            Api.Response refused = Api.anonymous(server).get("/metrics");
            assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.json().path("detail").asText()).contains("Authorization: Bearer");
            assertThat(refused.header("WWW-Authenticate")).isPresent();
            assertThat(Api.anonymous(server).withBearer("wrong").get("/metrics").status())
                    .isEqualTo(401);
            Api.Response scraped = Api.anonymous(server).withBearer(key).get("/metrics");
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body()).contains("process_uptime_seconds");
        } finally {
            Files.writeString(configuration, original);
            waitForScrapeStatus(Api.anonymous(server), 200);
        }
    }

    /** Every sample of a scrape, by its name and labels as Prometheus writes them. */
    private static Map<String, Double> scrape(MillraceServer server) {
        Api.Response response = Api.anonymous(server).get("/metrics");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as(line).isTrue();
            samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
        }
        return samples;
    }

    private static void waitForScrapeStatus(Api api, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (api.get("/metrics").status() != status && System.nanoTime() < deadline) {
            MillraceServer.sleep(Duration.ofMillis(200));
        }
        assertThat(api.get("/metrics").status()).isEqualTo(status);
    }
}
