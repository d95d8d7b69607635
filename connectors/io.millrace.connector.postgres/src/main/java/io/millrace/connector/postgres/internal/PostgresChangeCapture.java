package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.postgresql.replication.LogSequenceNumber;

/**
 * Change capture through a publication and a pgoutput replication slot, both named after the
 * capture. The slot keeps WAL from the last acknowledged position until the capture is dropped.
 */
final class PostgresChangeCapture implements ChangeCapture {

    @Override
    public CaptureStart create(ConnectionSettings settings, String name, List<TableDescription> tables) {
        try {
            CaptureSlot.drop(settings, name);
            CaptureSlot slot = CaptureSlot.create(
                    settings,
                    name,
                    tables.stream()
                            .map(table -> List.of(table.schema(), table.name()))
                            .toList());
            return new CaptureStart() {
                @Override
                public String position() {
                    return slot.start().asString();
                }

                @Override
                public Optional<String> snapshot() {
                    return Optional.of(slot.snapshot());
                }

                @Override
                public void close() {
                    try {
                        slot.close();
                    } catch (SQLException e) {
                        throw new ConnectorException("Cannot release the snapshot of " + name, e);
                    }
                }
            };
        } catch (SQLException e) {
            throw failure("Cannot create the replication slot and publication " + name, e);
        }
    }

    @Override
    public void addTables(ConnectionSettings settings, String name, List<TableDescription> tables) {
        try {
            CaptureSlot.addTables(
                    settings,
                    name,
                    tables.stream()
                            .map(table -> List.of(table.schema(), table.name()))
                            .toList());
        } catch (SQLException e) {
            throw failure("Cannot add tables to the publication " + name, e);
        }
    }

    @Override
    public boolean exists(ConnectionSettings settings, String name) {
        try (Connection connection = PostgresConnection.open(settings)) {
            return CaptureSlot.exists(connection, name);
        } catch (SQLException e) {
            throw failure("Cannot look for the replication slot " + name, e);
        }
    }

    @Override
    public ChangeStream stream(ConnectionSettings settings, String name, String position) {
        try {
            return PostgresChangeStream.start(settings, name, LogSequenceNumber.valueOf(position));
        } catch (SQLException e) {
            throw failure("Cannot stream from the replication slot " + name, e);
        }
    }

    @Override
    public OptionalLong retainedBytes(ConnectionSettings settings, String name) {
        try (Connection connection = PostgresConnection.open(settings);
                PreparedStatement query = connection.prepareStatement("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(),"
                        + " restart_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getObject(1) != null ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw failure("Cannot read how much WAL the replication slot " + name + " keeps", e);
        }
    }

    @Override
    public void drop(ConnectionSettings settings, String name) {
        try {
            CaptureSlot.drop(settings, name);
        } catch (SQLException e) {
            throw failure("Cannot drop the replication slot and publication " + name, e);
        }
    }

    private static ConnectorException failure(String what, SQLException e) {
        return new ConnectorException(ConnectFailures.explain(what, e), e, SqlStates.isTransient(e));
    }
}
