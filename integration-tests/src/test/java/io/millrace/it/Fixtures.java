package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** What the end-to-end tests share: connections to their databases, and waiting for tasks. */
public final class Fixtures {
    private Fixtures() {}

    /** A connection request for a database of an embedded PostgreSQL, as {@code POST /connections} takes it. */
    public static Map<String, Object> postgresConnection(String name, EmbeddedPostgres postgres, String database) {
        return Map.of(
                "name",
                name,
                "connector",
                "postgres",
                "properties",
                Map.of(
                        "host", "localhost",
                        "port", String.valueOf(postgres.getPort()),
                        "database", database,
                        "user", "postgres",
                        "sslmode", "disable"),
                "secrets",
                Map.of("password", "not-needed"));
    }

    /** The id of what a request created; fails unless it answered 201. */
    public static String created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("id").asText();
    }

    /** Waits up to 90 s for a task's status to meet a condition; fails at once when the task failed. */
    public static JsonNode awaitStatus(Api api, String taskPath, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode status = api.get(taskPath + "/status").json();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            assertThat(status.path("state").asText()).as(status.toString()).isNotEqualTo("failed");
            MillraceServer.sleep(Duration.ofMillis(200));
            status = api.get(taskPath + "/status").json();
        }
        assertThat(condition.test(status)).as(status.toString()).isTrue();
        return status;
    }

    public static void execute(EmbeddedPostgres postgres, String database, String... statements) throws SQLException {
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
