package io.millrace.connector.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Status;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectionUse;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connection checks against real PostgreSQL servers: one ready for logical replication, one not. */
class PostgresConnectorProviderTest {
    private static EmbeddedPostgres logical;
    private static EmbeddedPostgres replicaOnly;

    private final PostgresConnectorProvider provider = new PostgresConnectorProvider();

    @BeforeAll
    static void startServers() throws Exception {
        logical = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
        replicaOnly = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "replica")
                .start();
        try (Connection connection = logical.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE reader LOGIN PASSWORD 'reader-password'");
        }
    }

    @AfterAll
    static void stopServers() throws IOException {
        logical.close();
        replicaOnly.close();
    }

    @Test
    void aServerReadyForLogicalReplicationPassesEveryCheck() {
        ConnectionCheck check = provider.testConnection(settings(logical, "postgres"));

        assertThat(check.steps())
                .allSatisfy(
                        step -> assertThat(step.status()).as(step.toString()).isEqualTo(Status.PASSED));
        assertThat(check.steps())
                .extracting(Step::name)
                .containsExactly(
                        "connect",
                        "version",
                        "wal_level",
                        "replication privilege",
                        "replication slots",
                        "wal senders",
                        "create privilege");
    }

    @Test
    void walLevelBelowLogicalIsReportedWithTheFix() {
        ConnectionCheck check = provider.testConnection(settings(replicaOnly, "postgres"));

        Step walLevel = step(check, "wal_level");
        assertThat(walLevel.status()).isEqualTo(Status.WARNING);
        assertThat(walLevel.message()).contains("replica");
        assertThat(walLevel.fix())
                .hasValueSatisfying(fix -> assertThat(fix).contains("ALTER SYSTEM SET wal_level = logical"));
    }

    @Test
    void aUserWithoutReplicationOrCreateRightsIsToldTheGrants() {
        ConnectionCheck check = provider.testConnection(settings(logical, "reader"));

        // Without CREATE the connection can still be a source (changes need the warned REPLICATION).
        assertThat(check.usableAs(ConnectionUse.SOURCE)).as(check.toString()).isTrue();
        assertThat(check.usableAs(ConnectionUse.TARGET)).isFalse();
        assertThat(step(check, "create privilege").use()).isEqualTo(ConnectionUse.TARGET);
        assertThat(step(check, "replication privilege").use()).isEqualTo(ConnectionUse.SOURCE);
        assertThat(step(check, "replication privilege").fix())
                .hasValueSatisfying(fix -> assertThat(fix).contains("ALTER ROLE \"reader\" WITH REPLICATION"));
        assertThat(step(check, "create privilege").fix())
                .hasValueSatisfying(fix -> assertThat(fix).contains("GRANT CREATE ON DATABASE \"postgres\""));
    }

    @Test
    void unreachableServersAndMissingDatabasesFailWithWhatToCheck() throws IOException {
        Map<String, String> missingDatabase = values(logical, "postgres");
        missingDatabase.put("database", "no_such_database");
        assertFailed(missingDatabase, "connect", "does not exist");

        Map<String, String> unknownHost = values(logical, "postgres");
        unknownHost.put("host", "no-such-host.invalid");
        assertFailed(unknownHost, "connect", "host name does not resolve");

        Map<String, String> closedPort = values(logical, "postgres");
        closedPort.put("port", String.valueOf(closedPort()));
        assertFailed(closedPort, "connect", "Check the host and port");

        Map<String, String> smuggled = values(logical, "postgres");
        smuggled.put("host", "localhost/postgres?sslmode=disable");
        assertFailed(smuggled, "settings", "Correct the setting");
    }

    private void assertFailed(Map<String, String> values, String stepName, String fix) {
        ConnectionCheck check = provider.testConnection(new ConnectionSettings(values, Map.of()));
        assertThat(check.successful()).as(check.toString()).isFalse();
        Step step = check.steps().get(check.steps().size() - 1);
        assertThat(step.name()).isEqualTo(stepName);
        assertThat(step.fix()).hasValueSatisfying(text -> assertThat(text).contains(fix));
    }

    private static Step step(ConnectionCheck check, String name) {
        return check.steps().stream()
                .filter(step -> step.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No step " + name + " in " + check));
    }

    private static ConnectionSettings settings(EmbeddedPostgres server, String user) {
        return new ConnectionSettings(values(server, user), Map.of("password", user + "-password"));
    }

    private static Map<String, String> values(EmbeddedPostgres server, String user) {
        Map<String, String> values = new HashMap<>();
        values.put("host", "localhost");
        values.put("port", String.valueOf(server.getPort()));
        values.put("database", "postgres");
        values.put("user", user);
        values.put("sslmode", "disable");
        return values;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
