package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** MariaDB and MySQL as a source: key-range full loads in a consistent snapshot, and binlog changes. */
final class MariaDbSource implements SourceConnector {
    private final ChangeCapture capture = new BinlogChangeCapture();

    @Override
    public List<KeyRange> split(ConnectionSettings settings, TableDescription table, long rowsPerRange) {
        if (rowsPerRange < 1) {
            throw new IllegalArgumentException("rowsPerRange must be positive");
        }
        if (table.primaryKey().isEmpty() || table.estimatedRows().orElse(Long.MAX_VALUE) <= rowsPerRange) {
            return List.of(KeyRange.ALL);
        }
        Optional<ColumnDescription> integerKey = integerKey(table);
        if (integerKey.isPresent() && table.estimatedRows().isPresent()) {
            long count = (table.estimatedRows().getAsLong() + rowsPerRange - 1) / rowsPerRange;
            return byValue(settings, table, integerKey.get(), count);
        }
        String key = table.primaryKey().stream().map(Sql::identifier).collect(Collectors.joining(", "));
        String text = table.primaryKey().stream()
                .map(column -> "CAST(" + Sql.identifier(column) + " AS CHAR)")
                .collect(Collectors.joining(", "));
        // Every rowsPerRange-th key in key order starts a range: exact, and one scan of the key.
        String boundaries = "SELECT " + text + " FROM (SELECT " + key + ", ROW_NUMBER() OVER (ORDER BY " + key
                + ") AS millrace_row FROM " + Sql.identifier(table.schema()) + "." + Sql.identifier(table.name())
                + ") numbered WHERE millrace_row % " + rowsPerRange + " = 1 AND millrace_row > 1 ORDER BY millrace_row";
        List<KeyRange> ranges = new ArrayList<>();
        List<String> from = List.of();
        try (Connection connection = MariaDbConnection.open(settings);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(boundaries)) {
            while (rows.next()) {
                List<String> start = new ArrayList<>();
                for (int i = 1; i <= table.primaryKey().size(); i++) {
                    start.add(rows.getString(i));
                }
                ranges.add(new KeyRange(from, start));
                from = start;
            }
        } catch (SQLException e) {
            throw failedSplit(table, e);
        }
        ranges.add(new KeyRange(from, List.of()));
        return ranges;
    }

    /** The key when it is one integer column, whose values can be divided without reading them. */
    private static Optional<ColumnDescription> integerKey(TableDescription table) {
        if (table.primaryKey().size() != 1) {
            return Optional.empty();
        }
        return table.columns().stream()
                .filter(column -> column.name().equals(table.primaryKey().get(0)))
                .filter(column -> switch (column.type().kind()) {
                    case SMALLINT, INTEGER, BIGINT -> true;
                    // BIGINT UNSIGNED lands as a decimal without fraction.
                    case DECIMAL -> column.type().scale().orElse(-1) == 0;
                    default -> false;
                })
                .findFirst();
    }

    /**
     * {@code count} ranges of equal width between the key's lowest and highest value: two index
     * lookups where numbering the keys reads the whole table (seconds for millions of rows). Keys
     * that cluster make some ranges fuller than others, which only changes how evenly the work is
     * shared.
     */
    private static List<KeyRange> byValue(
            ConnectionSettings settings, TableDescription table, ColumnDescription key, long count) {
        String column = Sql.identifier(key.name());
        String bounds = "SELECT CAST(MIN(" + column + ") AS CHAR), CAST(MAX(" + column + ") AS CHAR) FROM "
                + Sql.identifier(table.schema()) + "." + Sql.identifier(table.name());
        BigInteger lowest;
        BigInteger highest;
        try (Connection connection = MariaDbConnection.open(settings);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(bounds)) {
            row.next();
            if (row.getString(1) == null) {
                return List.of(KeyRange.ALL);
            }
            lowest = new BigInteger(row.getString(1));
            highest = new BigInteger(row.getString(2));
        } catch (SQLException e) {
            throw failedSplit(table, e);
        }
        BigInteger width = highest.subtract(lowest)
                .add(BigInteger.ONE)
                .divide(BigInteger.valueOf(count))
                .max(BigInteger.ONE);
        List<KeyRange> ranges = new ArrayList<>();
        List<String> from = List.of();
        for (BigInteger start = lowest.add(width); start.compareTo(highest) <= 0; start = start.add(width)) {
            List<String> boundary = List.of(start.toString());
            ranges.add(new KeyRange(from, boundary));
            from = boundary;
        }
        ranges.add(new KeyRange(from, List.of()));
        return ranges;
    }

    private static ConnectorException failedSplit(TableDescription table, SQLException e) {
        return new ConnectorException(
                "Cannot split " + table.schema() + "." + table.name() + " into key ranges: " + e.getMessage(),
                e,
                SqlStates.isTransient(e));
    }

    @Override
    public SnapshotReader openSnapshot(ConnectionSettings settings, Optional<String> snapshot) {
        if (snapshot.isPresent()) {
            return new JdbcSnapshotReader(
                    ConsistentSnapshot.join(snapshot.get())
                            .orElseThrow(() -> new ConnectorException(
                                    "The snapshot " + snapshot.get() + " of the change capture is closed", null)),
                    settings);
        }
        try {
            return new JdbcSnapshotReader(ConsistentSnapshot.start(settings), settings);
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot open a snapshot of MariaDB: " + e.getMessage() + ". " + ConnectFailures.fix(e),
                    e,
                    SqlStates.isTransient(e));
        }
    }

    @Override
    public Optional<ChangeCapture> changeCapture() {
        return Optional.of(capture);
    }
}
