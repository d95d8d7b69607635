package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.AddedColumns;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.RowSink;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads key ranges of tables with {@code COPY (SELECT ...) TO STDOUT}, the fastest way out of
 * PostgreSQL, inside one repeatable-read transaction: the capture's exported snapshot when there is
 * one, so that the rows match the start of the change stream exactly.
 */
final class CopySnapshotReader implements SnapshotReader {
    private final Connection connection;

    CopySnapshotReader(ConnectionSettings settings, Optional<String> snapshot) throws SQLException {
        connection = PostgresConnection.openForData(settings, new Properties());
        try (Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            if (snapshot.isPresent()) {
                statement.execute("SET TRANSACTION SNAPSHOT " + Sql.literal(snapshot.get()));
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public long read(TableDescription table, KeyRange range, RowSink sink) {
        CopyTextDecoder decoder = new CopyTextDecoder(table.columns().size());
        return copy(table, range, line -> sink.accept(decoder.decode(line)));
    }

    /** COPY's own lines, passed on as the server sends them. */
    @Override
    public OptionalLong readCopyText(TableDescription table, KeyRange range, Consumer<byte[]> lines) {
        return OptionalLong.of(copy(table, range, lines));
    }

    @Override
    public Optional<String> highest(TableDescription table, String column) {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(PostgresSource.highestQuery(table, column))) {
            row.next();
            return Optional.ofNullable(row.getString(1));
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    @Override
    public long readFrom(TableDescription table, String column, Optional<String> lowest, RowSink sink) {
        CopyTextDecoder decoder = new CopyTextDecoder(table.columns().size());
        long rows =
                copy(table, PostgresSource.fromQuery(table, column, lowest), line -> sink.accept(decoder.decode(line)));
        AddedColumns.requireNone(connection, PostgresSource.qualified(table), table);
        return rows;
    }

    private long copy(TableDescription table, KeyRange range, Consumer<byte[]> lines) {
        return copy(table, PostgresSource.rangeQuery(table, range), lines);
    }

    private long copy(TableDescription table, String query, Consumer<byte[]> lines) {
        String sql = "COPY (" + query + ") TO STDOUT";
        long rows = 0;
        try {
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            try {
                byte[] line;
                while ((line = copy.readFromCopy()) != null) {
                    lines.accept(line);
                    rows++;
                }
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw failure(table, e);
        }
        return rows;
    }

    private static ConnectorException failure(TableDescription table, SQLException e) {
        return new ConnectorException(
                "Cannot read " + table.schema() + "." + table.name() + ": " + e.getMessage(),
                e,
                SqlStates.isTransient(e));
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is closed next either way; a failed rollback changes nothing for a reader.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            throw new ConnectorException("Cannot close a snapshot connection: " + e.getMessage(), e);
        }
    }
}
