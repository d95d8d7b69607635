package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.AddedColumns;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.RowSink;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Reads tables in one read-only transaction, repeatable where the database offers it, so that the
 * ranges one reader reads agree with each other. Values arrive in canonical text.
 */
final class JdbcSnapshotReader implements SnapshotReader {
    private static final int FETCH_SIZE = 1000;

    private final Connection connection;
    private final TableQueries queries;

    JdbcSnapshotReader(Connection connection) throws SQLException {
        this.connection = connection;
        try {
            connection.setAutoCommit(false); // also what makes PostgreSQL's driver fetch in pieces
            connection.setReadOnly(true);
            if (connection.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            queries = new TableQueries(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public long read(TableDescription table, KeyRange range, RowSink sink) {
        return read(table, queries.range(table, range), sink);
    }

    @Override
    public Optional<String> highest(TableDescription table, String column) {
        Kind kind = TableQueries.kind(table, column);
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(queries.highest(table, column))) {
            row.next();
            return Optional.ofNullable(JdbcValues.read(row, 1, kind));
        } catch (SQLException e) {
            throw failure(table, e);
        }
    }

    @Override
    public long readFrom(TableDescription table, String column, Optional<String> lowest, RowSink sink) {
        long rows = read(table, queries.from(table, column, lowest), sink);
        AddedColumns.requireNone(connection, queries.qualified(table), table);
        return rows;
    }

    private long read(TableDescription table, TableQueries.Query query, RowSink sink) {
        Kind[] kinds = table.columns().stream()
                .map(ColumnDescription::type)
                .map(type -> type.kind())
                .toArray(Kind[]::new);
        long rows = 0;
        try (PreparedStatement statement = query.prepare(connection)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String[] values = new String[kinds.length];
                    for (int i = 0; i < kinds.length; i++) {
                        values[i] = JdbcValues.read(row, i + 1, kinds[i]);
                    }
                    sink.accept(values);
                    rows++;
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
            throw new ConnectorException("Cannot close a reading connection: " + e.getMessage(), e);
        }
    }
}
