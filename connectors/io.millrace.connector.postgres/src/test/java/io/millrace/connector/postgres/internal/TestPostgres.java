package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputDecoder;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/** A real PostgreSQL server for tests, ready for logical replication, and what tests do with it. */
public final class TestPostgres implements AutoCloseable {
    private final EmbeddedPostgres server;

    private TestPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static TestPostgres startLogical() throws IOException {
        return new TestPostgres(EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start());
    }

    public int port() {
        return server.getPort();
    }

    /** Connection settings of the superuser for the {@code postgres} database. */
    public ConnectionSettings settings() {
        return new ConnectionSettings(
                Map.of(
                        "host", "localhost",
                        "port", String.valueOf(server.getPort()),
                        "database", "postgres",
                        "user", "postgres",
                        "sslmode", "disable"),
                Map.of());
    }

    public Connection connect() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Streams a slot whose publication has the slot's name, decoding every message, until {@code
     * done} holds for what was read or 20 seconds have passed.
     */
    public List<PgOutputMessage> stream(String slot, LogSequenceNumber start, Predicate<List<PgOutputMessage>> done)
            throws SQLException, InterruptedException {
        List<PgOutputMessage> messages = new ArrayList<>();
        try (Connection replication = CaptureSlot.openReplication(settings())) {
            PGReplicationStream stream = CaptureSlot.startStream(replication, slot, start);
            PgOutputDecoder decoder = new PgOutputDecoder();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!done.test(messages) && System.nanoTime() < deadline) {
                ByteBuffer message = stream.readPending();
                if (message == null) {
                    TimeUnit.MILLISECONDS.sleep(10);
                } else {
                    decoder.decode(message).ifPresent(messages::add);
                }
            }
            stream.close();
        }
        return messages;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
