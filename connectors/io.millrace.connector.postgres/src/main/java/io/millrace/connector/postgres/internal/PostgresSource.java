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
import java.sql.PreparedStatement;
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
        List<List<String>> starts;
        try (Connection connection = PostgresConnection.openForData(settings, new Properties())) {
            starts = histogramStarts(connection, table, rowsPerRange);
            if (starts.isEmpty()) {
                starts = countedStarts(connection, table, rowsPerRange);
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

    /**
     * Range starts on the key's first column from the planner's statistics (ANALYZE's histogram,
     * whose buckets hold about equally many rows): free to read, where counting would scan the
     * whole key. Empty when the table has no statistics.
     */
    private static List<List<String>> histogramStarts(Connection connection, TableDescription table, long rowsPerRange)
            throws SQLException {
        String[] bounds;
        try (PreparedStatement query = connection.prepareStatement("SELECT histogram_bounds::text::text[] FROM pg_stats"
                + " WHERE schemaname = ? AND tablename = ? AND attname = ? AND histogram_bounds IS NOT NULL"
                + " ORDER BY inherited DESC LIMIT 1")) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            query.setString(3, table.primaryKey().get(0));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return List.of();
                }
                bounds = (String[]) row.getArray(1).getArray();
            }
        }
        int buckets = bounds.length - 1;
        long rowsPerBucket = Math.max(1, table.estimatedRows().orElse(0) / Math.max(1, buckets));
        int step = (int) Math.max(1, Math.round((double) rowsPerRange / rowsPerBucket));
        List<List<String>> starts = new ArrayList<>();
        for (int i = step; i < buckets; i += step) {
            if (starts.isEmpty() || !starts.get(starts.size() - 1).get(0).equals(bounds[i])) {
                starts.add(List.of(bounds[i]));
            }
        }
        return starts;
    }

    /** Range starts on the whole key by counting rows in key order: exact, and a scan of the key. */
    private static List<List<String>> countedStarts(Connection connection, TableDescription table, long rowsPerRange)
            throws SQLException {
        String key = table.primaryKey().stream().map(Sql::identifier).collect(Collectors.joining(", "));
        String boundaries = "SELECT " + textColumns(table.primaryKey()) + " FROM (SELECT " + key
                + ", row_number() OVER (ORDER BY " + key + ") AS millrace_row FROM " + qualified(table)
                + ") numbered WHERE millrace_row % " + rowsPerRange + " = 1 AND millrace_row > 1 ORDER BY millrace_row";
        List<List<String>> starts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(boundaries)) {
            while (rows.next()) {
                List<String> start = new ArrayList<>();
                for (int i = 1; i <= table.primaryKey().size(); i++) {
                    start.add(rows.getString(i));
                }
                starts.add(start);
            }
        }
        return starts;
    }

    @Override
    public SnapshotReader openSnapshot(ConnectionSettings settings, Optional<String> snapshot) {
        try {
            return new CopySnapshotReader(settings, snapshot);
        } catch (SQLException e) {
            throw new ConnectorException(
                    ConnectFailures.explain("Cannot open a snapshot of PostgreSQL", e), e, SqlStates.isTransient(e));
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
            conditions.add(keyRow(table, range.from().size()) + " >= " + keyLiteral(table, range.from()));
        }
        if (!range.to().isEmpty()) {
            conditions.add(keyRow(table, range.to().size()) + " < " + keyLiteral(table, range.to()));
        }
        if (!conditions.isEmpty()) {
            query.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return query.toString();
    }

    /** The key's first {@code length} columns, which a range's bounds compare. */
    private static String keyRow(TableDescription table, int length) {
        return "ROW("
                + table.primaryKey().subList(0, length).stream()
                        .map(Sql::identifier)
                        .collect(Collectors.joining(", "))
                + ")";
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
