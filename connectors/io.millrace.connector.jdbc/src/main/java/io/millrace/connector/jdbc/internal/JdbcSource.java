package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.PortableType.Kind;
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
import java.util.Objects;
import java.util.Optional;

/**
 * Any JDBC database as a source: full loads in key ranges and incremental reads by a monotonic
 * column. There is no change capture, and no snapshot shared between readers: each reader reads
 * in a transaction of its own.
 */
final class JdbcSource implements SourceConnector {
    private final JdbcConnections connections;

    JdbcSource(JdbcConnections connections) {
        this.connections = connections;
    }

    /**
     * Ranges on the key's first column, with bounds where its value changes after about {@code
     * rowsPerRange} rows, found by reading that column in order: every database can, where
     * statistics differ from one to the next.
     */
    @Override
    public List<KeyRange> split(ConnectionSettings settings, TableDescription table, long rowsPerRange) {
        if (rowsPerRange < 1) {
            throw new IllegalArgumentException("rowsPerRange must be positive");
        }
        if (table.primaryKey().isEmpty()) {
            return List.of(KeyRange.ALL);
        }
        List<String> bounds = new ArrayList<>();
        try (Connection connection = connections.open(settings);
                Statement statement = connection.createStatement()) {
            TableQueries queries = new TableQueries(connection);
            try (ResultSet count = statement.executeQuery(queries.count(table))) {
                count.next();
                if (count.getLong(1) <= rowsPerRange) {
                    return List.of(KeyRange.ALL);
                }
            }
            Kind kind = TableQueries.kind(table, table.primaryKey().get(0));
            statement.setFetchSize(10_000);
            try (ResultSet values = statement.executeQuery(queries.firstKeyColumn(table))) {
                long sinceBound = 0;
                String previous = null;
                while (values.next()) {
                    String value = JdbcValues.read(values, 1, kind);
                    if (sinceBound >= rowsPerRange && previous != null && !Objects.equals(value, previous)) {
                        bounds.add(value);
                        sinceBound = 0;
                    }
                    sinceBound++;
                    previous = value;
                }
            }
        } catch (SQLException e) {
            throw new ConnectorException(
                    ConnectFailures.explain(
                            "Cannot split " + table.schema() + "." + table.name() + " into key ranges", e),
                    e,
                    SqlStates.isTransient(e));
        }
        List<KeyRange> ranges = new ArrayList<>();
        List<String> from = List.of();
        for (String bound : bounds) {
            ranges.add(new KeyRange(from, List.of(bound)));
            from = List.of(bound);
        }
        ranges.add(new KeyRange(from, List.of()));
        return ranges;
    }

    @Override
    public SnapshotReader openSnapshot(ConnectionSettings settings, Optional<String> snapshot) {
        if (snapshot.isPresent()) {
            throw new ConnectorException("The JDBC connector has no snapshots to share between readers", null);
        }
        try {
            return new JdbcSnapshotReader(connections.open(settings));
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new ConnectorException(
                    ConnectFailures.explain("Cannot connect to read", e), e, SqlStates.isTransient(e));
        }
    }

    @Override
    public boolean readsIncrements() {
        return true;
    }
}
