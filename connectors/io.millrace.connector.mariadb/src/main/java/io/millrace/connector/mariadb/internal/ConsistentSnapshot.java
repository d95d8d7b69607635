package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repeatable-read transaction that sees the database exactly at a binlog position: every
 * transaction committed before the position, none after. MariaDB reports the position of a
 * consistent snapshot without locking anything ({@code binlog_snapshot_file} and {@code
 * binlog_snapshot_position}); MySQL needs a global read lock for the moment the snapshot starts.
 *
 * <p>MariaDB cannot hand a snapshot to another session, so every reader of it shares this one
 * connection, one read at a time; it is closed when its creator and every reader released it.
 */
final class ConsistentSnapshot {
    private static final Map<String, ConsistentSnapshot> OPEN = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Connection connection;
    private final BinlogPosition position;
    private int holders = 1;

    private ConsistentSnapshot(Connection connection, BinlogPosition position) {
        this.connection = connection;
        this.position = position;
    }

    /** Starts a snapshot; the caller holds it until it calls {@link #release}. */
    static ConsistentSnapshot start(ConnectionSettings settings) throws SQLException {
        Connection connection = MariaDbConnection.open(settings);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            BinlogPosition position;
            if (connection.getMetaData().getDatabaseProductVersion().contains("MariaDB")) {
                statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                position = snapshotPosition(statement);
            } else {
                statement.execute("FLUSH TABLES WITH READ LOCK");
                try {
                    statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                    position = masterPosition(statement);
                } finally {
                    statement.execute("UNLOCK TABLES");
                }
            }
            ConsistentSnapshot snapshot = new ConsistentSnapshot(connection, position);
            OPEN.put(snapshot.id, snapshot);
            return snapshot;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The open snapshot of this id, now held by the caller too, if it is still open. */
    static Optional<ConsistentSnapshot> join(String id) {
        ConsistentSnapshot snapshot = OPEN.get(id);
        if (snapshot == null) {
            return Optional.empty();
        }
        synchronized (snapshot) {
            if (snapshot.holders == 0) {
                return Optional.empty();
            }
            snapshot.holders++;
        }
        return Optional.of(snapshot);
    }

    private static BinlogPosition snapshotPosition(Statement statement) throws SQLException {
        String file = null;
        long offset = -1;
        try (ResultSet rows = statement.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rows.next()) {
                if (rows.getString(1).equalsIgnoreCase("binlog_snapshot_file")) {
                    file = rows.getString(2);
                } else if (rows.getString(1).equalsIgnoreCase("binlog_snapshot_position")) {
                    offset = Long.parseLong(rows.getString(2));
                }
            }
        }
        if (file == null || file.isEmpty() || offset < 0) {
            throw new SQLException("The binary log is off: turn on log-bin to capture changes");
        }
        return new BinlogPosition(file, offset);
    }

    private static BinlogPosition masterPosition(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW MASTER STATUS")) {
            if (!row.next()) {
                throw new SQLException("The binary log is off: turn on log-bin to capture changes");
            }
            return new BinlogPosition(row.getString(1), row.getLong(2));
        }
    }

    String id() {
        return id;
    }

    BinlogPosition position() {
        return position;
    }

    /** The snapshot's connection, to be used inside {@code synchronized (snapshot)} only. */
    Connection connection() {
        return connection;
    }

    /** Lets go of the snapshot; the last holder ends its transaction. */
    void release() {
        synchronized (this) {
            if (holders == 0 || --holders > 0) {
                return;
            }
        }
        OPEN.remove(id);
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is closed next either way.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing is left to do with a connection that failed to close.
        }
    }
}
