package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The default demo: its shop database lands into H2 and keeps changing, as the README promises. */
class DemoTest {

    @Test
    void theDemoProjectLandsTheShopAndItsChanges() {
        int port = MillraceServer.freePort();
        try (MillraceServer server = MillraceServer.install(
                SharedServer.newHome("demo"), "enabled=true\nport=" + port + "\nchangesPerSecond=20\n")) {
            Api admin = Api.anonymous(server).login("admin", server.adminPassword());
            JsonNode project = awaitFirst(admin, "/api/v1/projects");
            assertThat(project.path("name").asText()).isEqualTo("demo");
            String tasks = "/api/v1/projects/" + project.path("id").asText() + "/tasks";
            JsonNode landing = awaitFirst(admin, tasks);
            assertThat(landing.path("type").asText()).isEqualTo("landing");
            String status = tasks + "/" + landing.path("id").asText() + "/status";

            JsonNode landed = awaitStatus(admin, status);

            assertThat(landed.path("tables").findValuesAsText("table"))
                    .containsExactly("customers", "order_items", "orders", "page_views", "products");
            // The shop takes orders from the start, so the load may hold a few more than were generated.
            assertThat(landed.path("tables").findValues("rowsLoaded"))
                    .extracting(JsonNode::asLong)
                    .satisfiesExactly(
                            customers -> assertThat(customers).isEqualTo(2000),
                            items -> assertThat(items).isGreaterThanOrEqualTo(10001),
                            orders -> assertThat(orders).isGreaterThanOrEqualTo(5000),
                            views -> assertThat(views).isGreaterThan(2900),
                            products -> assertThat(products).isEqualTo(200));
            assertThat(server.log()).contains("PostgreSQL on 127.0.0.1:" + port);
            JsonNode storage = admin.get(tasks).json().get(1);
            assertThat(storage.path("type").asText()).isEqualTo("storage");
            JsonNode stored =
                    awaitApplied(admin, tasks + "/" + storage.path("id").asText() + "/status");
            assertThat(stored.path("tables").findValuesAsText("table")).contains("customers", "orders");
        }
    }

    private static JsonNode awaitFirst(Api admin, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode list = admin.get(path).json();
        while (list.isEmpty() && System.nanoTime() < deadline) {
            MillraceServer.sleep(Duration.ofMillis(200));
            list = admin.get(path).json();
        }
        assertThat(list).as(path).isNotEmpty();
        return list.get(0);
    }

    /** Waits for the storage task to have applied changes to the customers table. */
    private static JsonNode awaitApplied(Api admin, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = admin.get(path).json();
        while (status.path("tables").findValues("changesApplied").stream()
                                .mapToLong(JsonNode::asLong)
                                .sum()
                        == 0
                && System.nanoTime() < deadline) {
            MillraceServer.sleep(Duration.ofMillis(500));
            status = admin.get(path).json();
        }
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("running");
        assertThat(status.path("tables").findValues("changesApplied").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .as(status.toString())
                .isPositive();
        return status;
    }

    /** Waits for the full load to be done and changes to arrive. */
    private static JsonNode awaitStatus(Api admin, String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode status = admin.get(path).json();
        while (!(status.path("state").asText().equals("cdc")
                        && status.path("changesLanded").asLong() >= 20)
                && System.nanoTime() < deadline) {
            MillraceServer.sleep(Duration.ofMillis(200));
            status = admin.get(path).json();
        }
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("cdc");
        assertThat(status.path("changesLanded").asLong()).as(status.toString()).isGreaterThanOrEqualTo(20);
        return status;
    }
}
