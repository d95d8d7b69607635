package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/** PostgreSQL as a source: key-range full loads with COPY, and changes through logical replication. */
final class PostgresSource implements SourceConnector {
    private final ChangeCapture capture = new PostgresChangeCapture();

    @Override
    public List<KeyRange> split(ConnectionSettings settings, TableDescription table, long rowsPerRange) {
        if (rowsPerRange < 1) {
            throw new IllegalArgumentException("rowsPerRange must be positive");
        }
        if (table.primaryKey().isEmpty() || table.estimatedRows().orElse(Long.MAX_VALUE) <= rowsPerRange) {
            return List.of(KeyRange.ALL);
        }
        String key = table.primaryKey().stream().map(Sql::identifier).collect(Collectors.joining(", "));
        String boundaries = "SELECT " + textColumns(table.primaryKey()) + " FROM (SELECT " + key
                + ", row_number() OVER (ORDER BY " + key + ") AS millrace_row FROM " + qualified(table)
                + ") numbered WHERE millrace_row % " + rowsPerRange + " = 1 AND millrace_row > 1 ORDER BY millrace_row";
        List<List<String>> starts = new ArrayList<>();
        try (Connection connection = PostgresConnection.openForData(settings, new Properties());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(boundaries)) {
            while (rows.next()) {
                List<String> start = new ArrayList<>();
                for (int i = 1; i <= table.primaryKey().size(); i++) {
                    start.add(rows.getString(i));
                }
                starts.add(start);
            }
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot split " + table.schema() + "." + table.name() + " into key ranges: " + e.getMessage(),
                    e,
                    SqlStates.isTransient(e));
        }
        List<KeyRange> ranges = new ArrayList<>();
        List<String> from = List.of();
        for (List<String> start : starts) {
            ranges.add(new KeyRange(from, start));
            from = start;
        }
        ranges.add(new KeyRange(from, List.of()));
        return ranges;
    }

    @Override
    public SnapshotReader openSnapshot(ConnectionSettings settings, Optional<String> snapshot) {
        try {
            return new CopySnapshotReader(settings, snapshot);
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot open a snapshot of PostgreSQL: " + e.getMessage() + ". " + ConnectFailures.fix(e),
                    e,
                    SqlStates.isTransient(e));
        }
    }

    @Override
    public Optional<ChangeCapture> changeCapture() {
        return Optional.of(capture);
    }

    /** The query reading a range of a table, its values cast to text in canonical form. */
    static String rangeQuery(TableDescription table, KeyRange range) {
        StringBuilder query = new StringBuilder("SELECT ")
                .append(table.columns().stream()
                        .map(column -> Sql.identifier(column.name()))
                        .collect(Collectors.joining(", ")))
                .append(" FROM ")
                .append(qualified(table));
        List<String> conditions = new ArrayList<>();
        if (!range.from().isEmpty()) {
            conditions.add(keyRow(table) + " >= " + keyLiteral(table, range.from()));
        }
        if (!range.to().isEmpty()) {
            conditions.add(keyRow(table) + " < " + keyLiteral(table, range.to()));
        }
        if (!conditions.isEmpty()) {
            query.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return query.toString();
    }

    private static String keyRow(TableDescription table) {
        return "ROW(" + table.primaryKey().stream().map(Sql::identifier).collect(Collectors.joining(", ")) + ")";
    }

    private static String keyLiteral(TableDescription table, List<String> key) {
        if (key.size() != table.primaryKey().size()) {
            throw new IllegalArgumentException("A key range of " + table.name() + " needs "
                    + table.primaryKey().size() + " values, not " + key.size());
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            values.add(Sql.literal(key.get(i)) + "::"
                    + sourceType(table, table.primaryKey().get(i)));
        }
        return "ROW(" + String.join(", ", values) + ")";
    }

    /** The column's type as PostgreSQL's format_type spelled it, which is valid SQL. */
    private static String sourceType(TableDescription table, String column) {
        return table.columns().stream()
                .filter(candidate -> candidate.name().equals(column))
                .map(ColumnDescription::sourceType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "The key column " + column + " is not a column of " + table.name()));
    }

    private static String textColumns(List<String> columns) {
        return columns.stream().map(column -> Sql.identifier(column) + "::text").collect(Collectors.joining(", "));
    }

    static String qualified(TableDescription table) {
        return Sql.identifier(table.schema()) + "." + Sql.identifier(table.name());
    }
}
