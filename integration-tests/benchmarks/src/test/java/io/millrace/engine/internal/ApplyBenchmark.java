package io.millrace.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import io.millrace.connector.postgres.internal.PostgresConnectorProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The storage apply against the naive way, one statement per change, on the same changes in the
 * same run; and what the live view costs. It calls the engine's storage classes in-process (they
 * are package-private, hence this package), so that the figure is the SQL an apply runs in the
 * target, without the REST round trips. Run by {@code io.millrace.benchmarks.Benchmarks}.
 */
public final class ApplyBenchmark {
    private final int changes;
    private final int keys;
    private final int naiveChanges;

    /** What one run measured, in nanoseconds. */
    public record Timings(long setBased, long setBasedOfNaiveChanges, long naive, long countCurrent, long countLive) {}

    /**
     * @param changes how many changes the set-based apply applies
     * @param keys how many keys the changes spread over
     * @param naiveChanges how many of those changes (the first ones) both ways apply, for the ratio
     */
    public ApplyBenchmark(int changes, int keys, int naiveChanges) {
        this.changes = changes;
        this.keys = keys;
        this.naiveChanges = naiveChanges;
    }

    /** One run in {@code database} of {@code postgres}, which must be empty. */
    public Timings run(EmbeddedPostgres postgres, String database) throws SQLException {
        ConnectionSettings settings = new ConnectionSettings(
                Map.of(
                        "host",
                        "localhost",
                        "port",
                        String.valueOf(postgres.getPort()),
                        "database",
                        database,
                        "user",
                        "postgres",
                        "sslmode",
                        "disable"),
                Map.of());
        TargetDialect dialect = new PostgresConnectorProvider().target().orElseThrow();
        try (Connection connection = dialect.open(settings)) {
            execute(
                    connection,
                    "CREATE TABLE public.items (id int PRIMARY KEY, name text, qty int, price numeric(10,2))");
            TableDescription items = new PostgresConnectorProvider()
                    .catalog().orElseThrow().tables(settings).stream()
                            .filter(table -> table.name().equals("items"))
                            .findFirst()
                            .orElseThrow();

            // Set-based: all the changes, current and history.
            landed(connection, dialect, "bench", items, changes);
            long setBased = time(() -> applyAll(connection, dialect, "bench", items));

            // The same first naiveChanges changes both ways, for the ratio.
            landed(connection, dialect, "small", items, naiveChanges);
            long setBasedSmall = time(() -> applyAll(connection, dialect, "small", items));
            landed(connection, dialect, "naive", items, naiveChanges);
            long naive = time(() -> naive(connection, "naive"));
            assertThat(rows(
                            connection,
                            "SELECT id, name, qty, price FROM naive_storage_internal.items__current"
                                    + " EXCEPT SELECT id, name, qty, price FROM small_storage_internal.items__current"))
                    .as("both ways give the same current table")
                    .isZero();

            // What the live view costs with naiveChanges changes not yet applied.
            landed(connection, dialect, "lagging", items, changes);
            execute(
                    connection,
                    "UPDATE lagging_storage_internal.__millrace_apply SET applied_seq = " + (changes - naiveChanges));
            long current = time(() -> count(connection, "SELECT count(*) FROM lagging_storage.items"));
            long live = time(() -> count(connection, "SELECT count(*) FROM lagging_storage.items_live"));
            return new Timings(setBased, setBasedSmall, naive, current, live);
        }
    }

    /**
     * Landing tables of a project as landing leaves them: a full load of {@code keys} rows, and {@code
     * changes} changes over those keys (mostly updates, some deletes and re-inserts), then the
     * storage tables, initialized from the full load.
     */
    private void landed(
            Connection connection, TargetDialect dialect, String project, TableDescription items, int changes)
            throws SQLException {
        new LandingTables(dialect, project + "_landing", "postgres").create(connection, List.of(items));
        connection.setAutoCommit(true);
        execute(
                connection,
                "INSERT INTO " + project
                        + "_landing.items SELECT i, 'item ' || i, i % 100, i % 1000 FROM generate_series(1, " + keys
                        + ") i",
                "INSERT INTO " + project + "_landing.__millrace_load VALUES ('t', 'public', 'items', 0, '[]', '[]', "
                        + keys + ", true, now() - interval '1 day')");
        StorageLayout layout = new StorageLayout(dialect, project, "postgres");
        layout.create(connection, items);
        // The first apply only fills the current table from the full load: no change has landed yet.
        new StorageApply(layout).apply(connection, items, true, cycle -> {});
        connection.setAutoCommit(true);
        execute(
                connection,
                "INSERT INTO " + project
                        + "_landing.items__ct SELECT s, CASE WHEN s % 10 = 0 THEN 'D' WHEN s % 10 = 1 THEN 'I'"
                        + " ELSE 'U' END, now() - interval '1 day' + s * interval '1 millisecond', (s / 5)::text, NULL,"
                        + " (s::bigint * 7919) % " + keys
                        + " + 1, 'item v' || s, s % 100, s % 1000 FROM generate_series(1, "
                        + changes + ") s",
                "ANALYZE");
    }

    private static void applyAll(Connection connection, TargetDialect dialect, String project, TableDescription items)
            throws SQLException {
        new StorageApply(new StorageLayout(dialect, project, "postgres")).apply(connection, items, true, cycle -> {});
        connection.setAutoCommit(true);
    }

    /** The way without set-based SQL: each change in turn closes the key's version and writes the next. */
    private static void naive(Connection connection, String project) throws SQLException {
        String current = project + "_storage_internal.items__current";
        String prior = project + "_storage_internal.items__prior";
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
                ResultSet changes = statement.executeQuery("SELECT __seq, __op, __ts, id, name, qty, price FROM "
                        + project + "_landing.items__ct ORDER BY __seq");
                PreparedStatement close = connection.prepareStatement("INSERT INTO " + prior + " SELECT id, name, qty,"
                        + " price, __from_ts, ?, __op, __seq FROM " + current + " WHERE id = ?");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + current + " WHERE id = ?");
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO " + current + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            while (changes.next()) {
                int id = changes.getInt(4);
                close.setObject(1, changes.getObject(3));
                close.setInt(2, id);
                close.executeUpdate();
                delete.setInt(1, id);
                delete.executeUpdate();
                if (!changes.getString(2).equals("D")) {
                    insert.setInt(1, id);
                    insert.setString(2, changes.getString(5));
                    insert.setInt(3, changes.getInt(6));
                    insert.setBigDecimal(4, changes.getBigDecimal(7));
                    insert.setObject(5, changes.getObject(3));
                    insert.setString(6, changes.getString(2));
                    insert.setLong(7, changes.getLong(1));
                    insert.executeUpdate();
                }
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private interface Timed {
        void run() throws SQLException;
    }

    private static long time(Timed work) throws SQLException {
        long started = System.nanoTime();
        work.run();
        return System.nanoTime() - started;
    }

    private static long rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            long rows = 0;
            while (result.next()) {
                rows++;
            }
            return rows;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
