package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Change capture from the binlog. A replica keeps nothing in the server: the capture is its
 * position, which the engine stores with the landed data, and the stream covers every table of the
 * connection's databases, so that tables join and leave without telling the server.
 */
final class BinlogChangeCapture implements ChangeCapture {

    @Override
    public CaptureStart create(ConnectionSettings settings, String name, List<TableDescription> tables) {
        requireBinlog(settings);
        ConsistentSnapshot snapshot;
        try {
            snapshot = ConsistentSnapshot.start(settings);
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot start a consistent snapshot for " + name + ": " + e.getMessage() + ". "
                            + ConnectFailures.fix(e),
                    e,
                    SqlStates.isTransient(e));
        }
        return new CaptureStart() {
            @Override
            public String position() {
                return snapshot.position().toString();
            }

            @Override
            public Optional<String> snapshot() {
                return Optional.of(snapshot.id());
            }

            @Override
            public void close() {
                snapshot.release();
            }
        };
    }

    /** Refuses to start a capture that could not read changes, saying what to change. */
    private static void requireBinlog(ConnectionSettings settings) {
        try (Connection connection = MariaDbConnection.open(settings)) {
            if (!ReadinessChecks.variable(connection, "log_bin").orElse("OFF").equals("ON")) {
                throw new ConnectorException(
                        "The binary log of the server is off, so changes cannot be captured: add log-bin to the"
                                + " [mysqld] section of its configuration and restart it",
                        null);
            }
            String format =
                    ReadinessChecks.variable(connection, "binlog_format").orElse("");
            if (!format.equals("ROW")) {
                throw new ConnectorException(
                        "binlog_format is " + format + ", so changes cannot be captured: set binlog_format = ROW in"
                                + " the [mysqld] section of the server's configuration and restart it",
                        null);
            }
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot check the binary log: " + e.getMessage() + ". " + ConnectFailures.fix(e),
                    e,
                    SqlStates.isTransient(e));
        }
    }

    /** Nothing to do: the stream reads every table of the connection's databases. */
    @Override
    public void addTables(ConnectionSettings settings, String name, List<TableDescription> tables) {}

    /** The capture is its position, kept by the task: it exists while the server writes a binlog. */
    @Override
    public boolean exists(ConnectionSettings settings, String name) {
        try (Connection connection = MariaDbConnection.open(settings)) {
            return ReadinessChecks.variable(connection, "log_bin").orElse("OFF").equals("ON");
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot reach the server: " + e.getMessage() + ". " + ConnectFailures.fix(e),
                    e,
                    SqlStates.isTransient(e));
        }
    }

    @Override
    public ChangeStream stream(ConnectionSettings settings, String name, String position) {
        return BinlogChangeStream.start(settings, name, BinlogPosition.parse(position));
    }

    /** Nothing is kept in the server for a binlog replica. */
    @Override
    public void drop(ConnectionSettings settings, String name) {}
}
