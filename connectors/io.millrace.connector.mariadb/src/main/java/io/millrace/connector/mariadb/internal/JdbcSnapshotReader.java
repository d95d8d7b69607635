package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.CanonicalText;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.RowSink;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads key ranges of tables inside a {@link ConsistentSnapshot}, each value turned into its
 * canonical text form by the server where it can ({@code CAST ... AS CHAR}, {@code BIN}, {@code
 * ST_AsWKB}), then by {@link MariaDbText} and {@link CanonicalText} where the server's text is not
 * the canonical one.
 */
final class JdbcSnapshotReader implements SnapshotReader {
    private static final int FETCH_ROWS = 1_000;

    private final ConsistentSnapshot snapshot;
    private final ZeroDates zeroDates;

    JdbcSnapshotReader(ConsistentSnapshot snapshot, ConnectionSettings settings) {
        this.snapshot = snapshot;
        this.zeroDates = MariaDbConnection.zeroDates(settings);
    }

    @Override
    public long read(TableDescription table, KeyRange range, RowSink sink) {
        List<SourceColumn> columns =
                table.columns().stream().map(SourceColumn::of).toList();
        String qualified = table.schema() + "." + table.name();
        long rows = 0;
        synchronized (snapshot) {
            try (PreparedStatement query = snapshot.connection().prepareStatement(rangeQuery(table, columns, range))) {
                query.setFetchSize(FETCH_ROWS);
                int parameter = 1;
                for (String value : range.from()) {
                    query.setString(parameter++, value);
                }
                for (String value : range.to()) {
                    query.setString(parameter++, value);
                }
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String[] values = new String[columns.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = value(row, i + 1, columns.get(i), qualified);
                        }
                        sink.accept(values);
                        rows++;
                    }
                }
            } catch (SQLException e) {
                throw new ConnectorException(
                        "Cannot read " + qualified + ": " + e.getMessage(), e, SqlStates.isTransient(e));
            }
        }
        return rows;
    }

    private String value(ResultSet row, int index, SourceColumn column, String table) throws SQLException {
        if (column.binary()) {
            byte[] bytes = row.getBytes(index);
            return bytes == null ? null : CanonicalText.binary(bytes);
        }
        if (column.dataType().equals("float")) {
            float value = row.getFloat(index);
            return row.wasNull() ? null : CanonicalText.real(value);
        }
        if (column.dataType().equals("double") || column.dataType().equals("real")) {
            double value = row.getDouble(index);
            return row.wasNull() ? null : CanonicalText.doublePrecision(value);
        }
        String text = row.getString(index);
        if (text == null) {
            return null;
        }
        if (column.temporalWithZero()) {
            return MariaDbText.temporal(text, column.dataType().equals("timestamp"), zeroDates, table, column.name());
        }
        if (column.dataType().equals("time")) {
            return MariaDbText.duration(text);
        }
        return text;
    }

    /** The query of a range, each column as an expression whose result reads as canonical text. */
    private static String rangeQuery(TableDescription table, List<SourceColumn> columns, KeyRange range) {
        StringBuilder query = new StringBuilder("SELECT ")
                .append(columns.stream().map(JdbcSnapshotReader::expression).collect(Collectors.joining(", ")))
                .append(" FROM ")
                .append(Sql.identifier(table.schema()))
                .append('.')
                .append(Sql.identifier(table.name()));
        List<String> conditions = new ArrayList<>();
        if (!range.from().isEmpty()) {
            conditions.add(keyRow(table, range.from().size()) + " >= "
                    + parameters(range.from().size()));
        }
        if (!range.to().isEmpty()) {
            conditions.add(keyRow(table, range.to().size()) + " < "
                    + parameters(range.to().size()));
        }
        if (!conditions.isEmpty()) {
            query.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return query.toString();
    }

    private static String expression(SourceColumn column) {
        String name = Sql.identifier(column.name());
        if (column.spatial()) {
            return "ST_AsWKB(" + name + ")";
        }
        return switch (column.dataType()) {
            case "bit" -> "LPAD(BIN(" + name + "), " + column.bitLength() + ", '0')";
            // As a number, as the binlog has it: the year 0000 is 0.
            case "year" -> "CAST(" + name + " + 0 AS CHAR)";
            // The server's own text: exact, unsigned where declared, and the same digits as in the binlog.
            case "tinyint",
                    "smallint",
                    "mediumint",
                    "int",
                    "integer",
                    "bigint",
                    "decimal",
                    "numeric",
                    "date",
                    "datetime",
                    "timestamp",
                    "time" -> "CAST(" + name + " AS CHAR)";
            default -> name;
        };
    }

    private static String keyRow(TableDescription table, int length) {
        return "("
                + table.primaryKey().subList(0, length).stream()
                        .map(Sql::identifier)
                        .collect(Collectors.joining(", ")) + ")";
    }

    private static String parameters(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    @Override
    public void close() {
        snapshot.release();
    }
}
