package io.millrace.example.connector.sqlite.internal;

import static io.millrace.example.connector.sqlite.internal.DatabaseFile.quote;

import io.millrace.connector.api.AddedColumns;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.RowSink;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads tables in one read transaction, so that every range a reader reads sees the file as it was
 * when the first one was read: SQLite keeps a reader's view until its transaction ends. The server
 * uses one reader per thread and closes it when done.
 */
final class SqliteSnapshotReader implements SnapshotReader {
    private final Connection connection;

    SqliteSnapshotReader(Connection connection) throws SQLException {
        this.connection = connection;
        try {
            connection.setAutoCommit(false); // the transaction that holds the reader's view
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The rows of a key range: bounds compare as rows compare, column by column in key order. */
    @Override
    public long read(TableDescription table, KeyRange range, RowSink sink) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (!range.from().isEmpty()) {
            conditions.add(key(table, range.from(), parameters) + " >= " + placeholders(range.from()));
        }
        if (!range.to().isEmpty()) {
            String below = key(table, range.to(), parameters) + " < " + placeholders(range.to());
            // SQLite lets a key column hold NULL unless it is declared NOT NULL; NULL sorts first,
            // so the first range takes those rows.
            conditions.add(range.from().isEmpty() ? "(" + below + ") IS NOT FALSE" : below);
        }
        return read(table, conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters, sink);
    }

    /** The highest value of a monotonic column: where the next incremental read starts. */
    @Override
    public Optional<String> highest(TableDescription table, String column) {
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT max(" + quote(column) + ") FROM " + qualified(table));
                ResultSet row = statement.executeQuery()) {
            row.next();
            return Optional.ofNullable(canonical(table, column, row.getObject(1)));
        } catch (SQLException e) {
            throw DatabaseFile.failure("Cannot read " + table.name(), e);
        }
    }

    /** The rows whose column is at least a value (or not NULL), in the column's order. */
    @Override
    public long readFrom(TableDescription table, String column, Optional<String> lowest, RowSink sink) {
        List<Object> parameters = new ArrayList<>();
        lowest.ifPresent(value -> parameters.add(SqliteValues.parameter(value, kind(table, column))));
        String where = " WHERE " + quote(column) + (lowest.isPresent() ? " >= ?" : " IS NOT NULL") + " ORDER BY "
                + quote(column);
        long rows = read(table, where, parameters, sink);
        // A column added since the table was described: its values would be missed, so say so.
        AddedColumns.requireNone(connection, qualified(table), table);
        return rows;
    }

    private long read(TableDescription table, String where, List<Object> parameters, RowSink sink) {
        List<ColumnDescription> columns = table.columns();
        String sql = "SELECT "
                + columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "))
                + " FROM " + qualified(table) + where;
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String[] values = new String[columns.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = canonical(table, columns.get(i).name(), row.getObject(i + 1));
                    }
                    sink.accept(values);
                    rows++;
                }
            }
        } catch (SQLException e) {
            throw DatabaseFile.failure("Cannot read " + table.name(), e);
        }
        return rows;
    }

    /** A value of a column in canonical text, or a failure that names the table, column and value. */
    static String canonical(TableDescription table, String column, Object stored) {
        try {
            return SqliteValues.canonical(stored, kind(table, column));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(
                    "The column " + column + " of " + table.name() + " " + e.getMessage() + ". SQLite keeps any value"
                            + " in any column, whatever its declared type: correct the value, or declare the column"
                            + " as TEXT to land its values as text",
                    e);
        }
    }

    static String qualified(TableDescription table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    private static Kind kind(TableDescription table, String column) {
        return table.columns().stream()
                .filter(candidate -> candidate.name().equals(column))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(table.name() + " has no column " + column))
                .type()
                .kind();
    }

    /** The first columns of the key, as many as the bound has values, as a row: {@code ("a", "b")}. */
    private static String key(TableDescription table, List<String> bound, List<Object> parameters) {
        List<String> names = table.primaryKey().subList(0, bound.size());
        for (int i = 0; i < bound.size(); i++) {
            parameters.add(SqliteValues.parameter(bound.get(i), kind(table, names.get(i))));
        }
        return "(" + names.stream().map(DatabaseFile::quote).collect(Collectors.joining(", ")) + ")";
    }

    private static String placeholders(List<String> bound) {
        return "(" + String.join(", ", Collections.nCopies(bound.size(), "?")) + ")";
    }

    /** Ends the read transaction, which lets writers of the file go on, and closes the connection. */
    @Override
    public void close() {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new ConnectorException("Cannot close the database file: " + e.getMessage(), e);
        }
    }
}
