package io.millrace.example.connector.sqlite.internal;

import static io.millrace.example.connector.sqlite.internal.DatabaseFile.quote;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading the tables: the server splits each table into key ranges, which it loads in parallel and
 * resumes at the first unfinished one after an interruption, and reads them through snapshot
 * readers. SQLite has no log to capture changes from, so {@link #changeCapture()} stays empty and
 * the landing modes are {@code full-load} and {@code incremental}.
 */
final class SqliteSource implements SourceConnector {

    /**
     * Ranges on the key's first column: every {@code rowsPerRange}-th of its values, in order,
     * starts a range. A value repeated across a bound falls wholly into the range it starts.
     */
    @Override
    public List<KeyRange> split(ConnectionSettings settings, TableDescription table, long rowsPerRange) {
        if (rowsPerRange < 1) {
            throw new IllegalArgumentException("rowsPerRange must be positive");
        }
        if (table.primaryKey().isEmpty()) {
            return List.of(KeyRange.ALL);
        }
        String first = table.primaryKey().get(0);
        String sql = "SELECT DISTINCT k FROM (SELECT " + quote(first) + " AS k, row_number() OVER (ORDER BY "
                + quote(first) + ") AS n FROM " + SqliteSnapshotReader.qualified(table) + ")"
                + " WHERE n > 1 AND (n - 1) % ? = 0 AND k IS NOT NULL ORDER BY k";
        List<KeyRange> ranges = new ArrayList<>();
        List<String> from = List.of();
        try (Connection connection = DatabaseFile.open(settings);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, rowsPerRange);
            try (ResultSet bounds = statement.executeQuery()) {
                while (bounds.next()) {
                    List<String> bound = List.of(SqliteSnapshotReader.canonical(table, first, bounds.getObject(1)));
                    ranges.add(new KeyRange(from, bound));
                    from = bound;
                }
            }
        } catch (SQLException e) {
            throw DatabaseFile.failure("Cannot split " + table.name() + " into key ranges", e);
        }
        ranges.add(new KeyRange(from, List.of()));
        return ranges;
    }

    @Override
    public SnapshotReader openSnapshot(ConnectionSettings settings, Optional<String> snapshot) {
        if (snapshot.isPresent()) {
            // Only a change capture hands out snapshots, and this source has none.
            throw new ConnectorException("SQLite has no change capture, so there is no snapshot to read", null);
        }
        try {
            return new SqliteSnapshotReader(DatabaseFile.open(settings));
        } catch (SQLException e) {
            throw DatabaseFile.failure("Cannot open the database file", e);
        }
    }

    /** True: the snapshot readers read rows by a monotonic column, for the landing mode incremental. */
    @Override
    public boolean readsIncrements() {
        return true;
    }
}
