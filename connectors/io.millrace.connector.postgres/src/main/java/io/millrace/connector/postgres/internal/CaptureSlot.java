package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ConnectionSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;
import org.postgresql.replication.ReplicationSlotInfo;

/**
 * A capture task's publication and logical replication slot, created together with a snapshot of
 * the database at exactly the slot's starting point. Tables read in that snapshot and changes read
 * from the slot meet without a gap or an overlap: the snapshot holds every transaction committed
 * before the slot's consistent point, the slot every one after.
 *
 * <p>The snapshot stays usable only while this object is open and nothing else runs on its
 * replication connection; close it once every snapshot reader has imported it.
 */
final class CaptureSlot implements AutoCloseable {
    private final Connection replication;
    private final String name;
    private final String snapshot;
    private final LogSequenceNumber start;

    private CaptureSlot(Connection replication, String name, String snapshot, LogSequenceNumber start) {
        this.replication = replication;
        this.name = name;
        this.snapshot = snapshot;
        this.start = start;
    }

    /**
     * Creates the publication (for exactly these tables, each {@code {schema, table}}) and the
     * slot, both named {@code name}.
     */
    static CaptureSlot create(ConnectionSettings settings, String name, List<List<String>> tables) throws SQLException {
        requireValidName(name);
        try (Connection connection = PostgresConnection.open(settings);
                Statement statement = connection.createStatement()) {
            for (List<String> table : tables) {
                logWholeRowsWithoutKey(connection, table);
            }
            statement.execute("DROP PUBLICATION IF EXISTS " + Sql.identifier(name));
            statement.execute("CREATE PUBLICATION " + Sql.identifier(name) + " FOR TABLE "
                    + tables.stream()
                            .map(table -> Sql.identifier(table.get(0)) + "." + Sql.identifier(table.get(1)))
                            .collect(Collectors.joining(", "))
                    // Partitions' changes are published under their parent's name (PostgreSQL 13+).
                    + (connection.getMetaData().getDatabaseMajorVersion() >= 13
                            ? " WITH (publish_via_partition_root = true)"
                            : ""));
        }
        Connection replication = openReplication(settings);
        try {
            ReplicationSlotInfo slot = replication
                    .unwrap(PGConnection.class)
                    .getReplicationAPI()
                    .createReplicationSlot()
                    .logical()
                    .withSlotName(name)
                    .withOutputPlugin("pgoutput")
                    .make();
            return new CaptureSlot(replication, name, slot.getSnapshotName(), slot.getConsistentPoint());
        } catch (SQLException | RuntimeException e) {
            replication.close();
            throw e;
        }
    }

    /** Adds tables (each {@code {schema, table}}) to the publication named {@code name}. */
    static void addTables(ConnectionSettings settings, String name, List<List<String>> tables) throws SQLException {
        requireValidName(name);
        try (Connection connection = PostgresConnection.open(settings);
                Statement statement = connection.createStatement()) {
            for (List<String> table : tables) {
                logWholeRowsWithoutKey(connection, table);
            }
            statement.execute("ALTER PUBLICATION " + Sql.identifier(name) + " ADD TABLE "
                    + tables.stream()
                            .map(table -> Sql.identifier(table.get(0)) + "." + Sql.identifier(table.get(1)))
                            .collect(Collectors.joining(", ")));
        }
    }

    /**
     * PostgreSQL refuses updates and deletes on a published table that has no replica identity, so a
     * table without a primary key gets {@code REPLICA IDENTITY FULL}: its changes then carry the
     * whole old row, which is also what landing needs to tell its rows apart.
     */
    private static void logWholeRowsWithoutKey(Connection connection, List<String> table) throws SQLException {
        String qualified = Sql.identifier(table.get(0)) + "." + Sql.identifier(table.get(1));
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT c.relreplident, EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)"
                        + " FROM pg_class c WHERE c.oid = ?::regclass")) {
            query.setString(1, qualified);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || !row.getString(1).equals("d") || row.getBoolean(2)) {
                    return;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + qualified + " REPLICA IDENTITY FULL");
        } catch (SQLException e) {
            throw new SQLException(
                    "The table " + qualified + " has no primary key, and PostgreSQL refuses updates and deletes of a"
                            + " published table without a replica identity; run ALTER TABLE " + qualified
                            + " REPLICA IDENTITY FULL as its owner (" + e.getMessage() + ")",
                    e.getSQLState(),
                    e);
        }
    }

    /** Drops the slot and the publication named {@code name}, where they exist. */
    static void drop(ConnectionSettings settings, String name) throws SQLException {
        requireValidName(name);
        try (Connection connection = PostgresConnection.open(settings)) {
            try (PreparedStatement drop = connection.prepareStatement(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
                drop.setString(1, name);
                drop.execute();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP PUBLICATION IF EXISTS " + Sql.identifier(name));
            }
        }
    }

    /** The exported snapshot's id, for {@code SET TRANSACTION SNAPSHOT}. */
    String snapshot() {
        return snapshot;
    }

    String name() {
        return name;
    }

    /** Where streaming starts: the first change not in the snapshot. */
    LogSequenceNumber start() {
        return start;
    }

    @Override
    public void close() throws SQLException {
        replication.close();
    }

    /**
     * A connection in replication mode, which streams changes and manages slots; values are streamed
     * in canonical text form.
     */
    static Connection openReplication(ConnectionSettings settings) throws SQLException {
        Properties replication = new Properties();
        PGProperty.REPLICATION.set(replication, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(replication, "10");
        PGProperty.PREFER_QUERY_MODE.set(replication, "simple");
        return PostgresConnection.openForData(settings, replication);
    }

    /**
     * Starts streaming the slot's changes in pgoutput protocol version 1 on a replication
     * connection, from the publication named like the slot.
     */
    static PGReplicationStream startStream(Connection replication, String slot, LogSequenceNumber start)
            throws SQLException {
        return replication
                .unwrap(PGConnection.class)
                .getReplicationAPI()
                .replicationStream()
                .logical()
                .withSlotName(slot)
                .withStartPosition(start)
                .withSlotOption("proto_version", 1)
                .withSlotOption("publication_names", slot)
                .withStatusInterval(2, TimeUnit.SECONDS)
                .start();
    }

    /** Slot names are 1 to 63 lowercase letters, digits and underscores; publications follow them. */
    static void requireValidName(String name) {
        if (!name.matches("[a-z0-9_]{1,63}") || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a replication slot name: 1 to 63 lowercase letters, digits and '_'");
        }
    }

    /** Whether a slot of this name exists, for checks that nothing is left behind. */
    static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, name);
            try (ResultSet found = query.executeQuery()) {
                return found.next();
            }
        }
    }
}
