package io.millrace.engine.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Applies landed changes to a table's current and history tables with set-based SQL that runs in
 * the target. One cycle is one transaction: it takes the changes above the applied watermark (up
 * to the next truncate, which gets a cycle of its own), resolves unchanged TOASTed values from the
 * versions before them, closes the versions they replace, writes the newest version per key, and
 * moves the watermark. A cycle interrupted at any point leaves nothing behind, so running it again
 * gives the same result.
 */
final class StorageApply {
    private final StorageLayout layout;

    StorageApply(StorageLayout layout) {
        this.layout = layout;
    }

    /**
     * Applies every change landed so far, cycle by cycle; before the first, fills the current table
     * from the full load once that has finished.
     *
     * @param applied told how many changes each cycle applied, once the cycle has committed: a later
     *     cycle may fail, and what the earlier ones applied stays applied
     * @return false while the table's full load has not finished, so nothing could be applied
     */
    boolean apply(Connection connection, TableDescription table, boolean history, LongConsumer applied)
            throws SQLException {
        connection.setAutoCommit(false);
        try {
            Optional<Applied> watermark = applied(connection, table);
            Optional<Load> load = load(connection, table);
            if (watermark.isEmpty()) {
                if (load.isEmpty() || !load.get().finished()) {
                    return false;
                }
                initialize(connection, table, load.get());
                cycles(connection, table, history, Long.MAX_VALUE, applied);
                return true;
            }
            if (load.isPresent()
                    && load.get().snapshotAt().isAfter(watermark.get().snapshotAt())) {
                // Reloaded: the changes landed before the load are applied, then the load replaces them.
                cycles(connection, table, history, load.get().changesBefore(), applied);
                if (!load.get().finished()) {
                    return true;
                }
                reinitialize(connection, table, load.get(), history);
            }
            cycles(connection, table, history, Long.MAX_VALUE, applied);
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /**
     * Removes the table's applied changes whose source commit is longer ago than the retention.
     *
     * @return how many were removed
     */
    long prune(Connection connection, TableDescription table, Duration retention) throws SQLException {
        Optional<Applied> applied = applied(connection, table);
        if (applied.isEmpty()) {
            return 0;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + layout.changes(table) + " WHERE " + q("__seq") + " <= ? AND " + q("__ts") + " < ?")) {
            delete.setLong(1, applied.get().seq());
            delete.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minus(retention));
            return delete.executeUpdate();
        }
    }

    /** Runs cycles until no change up to {@code upTo} is left, telling {@code applied} of each. */
    private void cycles(Connection connection, TableDescription table, boolean history, long upTo, LongConsumer applied)
            throws SQLException {
        long cycle;
        while ((cycle = cycle(connection, table, history, upTo)) > 0) {
            applied.accept(cycle);
        }
    }

    /** The table's applied watermark and the snapshot its current rows started from. */
    private record Applied(long seq, OffsetDateTime snapshotAt) {}

    /**
     * The table's latest full load: when its snapshot was taken, the last change landed before it,
     * and whether every key range has been loaded.
     */
    private record Load(OffsetDateTime snapshotAt, long changesBefore, boolean finished) {}

    private Optional<Load> load(Connection connection, TableDescription table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MIN(" + q("snapshot_at") + "), MAX("
                + q("changes_before") + "), SUM(CASE WHEN " + q("loaded") + " THEN 0 ELSE 1 END), COUNT(*) FROM "
                + layout.loadTable() + " WHERE " + q("table_schema") + " = ? AND " + q("table_name") + " = ?")) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                if (row.getLong(4) == 0) {
                    return Optional.empty();
                }
                return Optional.of(
                        new Load(row.getObject(1, OffsetDateTime.class), row.getLong(2), row.getLong(3) == 0));
            }
        }
    }

    /** The current table from the full load, dated by its snapshot. */
    private void initialize(Connection connection, TableDescription table, Load load) throws SQLException {
        String columns = layout.columnList(table, "");
        try (PreparedStatement fill = connection.prepareStatement("INSERT INTO " + layout.current(table) + " ("
                + columns + ", " + q("__from_ts") + ", " + q("__op") + ", " + q("__seq") + ") SELECT " + columns
                + ", ?, 'I', ? FROM " + layout.loaded(table))) {
            fill.setObject(1, load.snapshotAt());
            fill.setLong(2, load.changesBefore());
            fill.executeUpdate();
        }
        try (PreparedStatement mark = connection.prepareStatement("INSERT INTO " + layout.applyTable() + " ("
                + q("table_name") + ", " + q("applied_seq") + ", " + q("snapshot_at") + ", " + q("applied_at")
                + ") VALUES (?, ?, ?, ?)")) {
            mark.setString(1, table.name());
            mark.setLong(2, load.changesBefore());
            mark.setObject(3, load.snapshotAt());
            mark.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            mark.executeUpdate();
        }
        connection.commit();
    }

    /**
     * The current table brought to a fresh load of the table: rows the load does not have, or has
     * with other values, end at its snapshot (their versions close) and the load's rows start
     * there; rows the load has unchanged keep their versions. The watermark moves past the changes
     * the load holds.
     */
    private void reinitialize(Connection connection, TableDescription table, Load load, boolean history)
            throws SQLException {
        String columns = layout.columnList(table, "");
        // The current table is named in full rather than aliased: MariaDB's DELETE takes no alias.
        String current = layout.current(table);
        String unchanged = " NOT EXISTS (SELECT 1 FROM " + layout.loaded(table) + " l WHERE "
                + table.columns().stream()
                        .map(column -> layout.sameValue("l", current, column))
                        .collect(Collectors.joining(" AND "))
                + ")";
        try (PreparedStatement close = connection.prepareStatement("INSERT INTO " + layout.prior(table) + " ("
                        + columns + ", " + q("__from_ts") + ", " + q("__to_ts") + ", " + q("__op") + ", "
                        + q("__seq") + ") SELECT " + columns + ", " + q("__from_ts") + ", ?, " + q("__op") + ", "
                        + q("__seq") + " FROM " + current + " WHERE" + unchanged);
                Statement statement = connection.createStatement();
                PreparedStatement fill = connection.prepareStatement("INSERT INTO " + layout.current(table) + " ("
                        + columns + ", " + q("__from_ts") + ", " + q("__op") + ", " + q("__seq") + ") SELECT "
                        + columns + ", ?, 'I', ? FROM " + layout.loaded(table) + " l WHERE NOT EXISTS (SELECT 1 FROM "
                        + layout.current(table) + " cur WHERE " + layout.keyMatch(table, "cur", "l") + ")");
                PreparedStatement mark = connection.prepareStatement("UPDATE " + layout.applyTable() + " SET "
                        + q("applied_seq") + " = ?, " + q("snapshot_at") + " = ?, " + q("applied_at") + " = ? WHERE "
                        + q("table_name") + " = ?")) {
            if (history) {
                close.setObject(1, load.snapshotAt());
                close.executeUpdate();
            }
            statement.executeUpdate("DELETE FROM " + current + " WHERE" + unchanged);
            fill.setObject(1, load.snapshotAt());
            fill.setLong(2, load.changesBefore());
            fill.executeUpdate();
            mark.setLong(1, load.changesBefore());
            mark.setObject(2, load.snapshotAt());
            mark.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            mark.setString(4, table.name());
            mark.executeUpdate();
        }
        connection.commit();
    }

    /** @return how many changes the cycle applied; 0 when there were none */
    private long cycle(Connection connection, TableDescription table, boolean history, long limit) throws SQLException {
        long watermark = applied(connection, table).orElseThrow().seq();
        Optional<String> firstOperation = firstPending(connection, table, watermark, limit);
        if (firstOperation.isEmpty()) {
            return 0;
        }
        long upTo;
        if (firstOperation.get().equals("T")) {
            upTo = truncate(connection, table, watermark, history);
        } else {
            upTo = fillBatch(connection, table, watermark, limit);
            resolveUnchanged(connection, table);
            if (history) {
                closeVersions(connection, table);
            }
            replaceCurrent(connection, table);
        }
        long applied = count(
                connection,
                "SELECT COUNT(*) FROM " + layout.changes(table) + " WHERE " + q("__seq") + " > " + watermark + " AND "
                        + q("__seq") + " <= " + upTo);
        try (PreparedStatement mark = connection.prepareStatement("UPDATE " + layout.applyTable() + " SET "
                + q("applied_seq") + " = ?, " + q("applied_at") + " = ? WHERE " + q("table_name") + " = ?")) {
            mark.setLong(1, upTo);
            mark.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            mark.setString(3, table.name());
            mark.executeUpdate();
        }
        connection.commit();
        return applied;
    }

    private Optional<String> firstPending(Connection connection, TableDescription table, long watermark, long limit)
            throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT " + q("__op") + " FROM " + layout.changes(table)
                        + " WHERE " + q("__seq") + " = (SELECT MIN(" + q("__seq") + ") FROM " + layout.changes(table)
                        + " WHERE " + q("__seq") + " > " + watermark + " AND " + q("__seq") + " <= " + limit + ")")) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    /** Every row of the table ends at the truncate: the current versions close, the table empties. */
    private long truncate(Connection connection, TableDescription table, long watermark, boolean history)
            throws SQLException {
        long seq = count(
                connection,
                "SELECT MIN(" + q("__seq") + ") FROM " + layout.changes(table) + " WHERE " + q("__seq") + " > "
                        + watermark);
        String columns = layout.columnList(table, "");
        try (Statement statement = connection.createStatement()) {
            if (history) {
                statement.executeUpdate("INSERT INTO " + layout.prior(table) + " (" + columns + ", " + q("__from_ts")
                        + ", " + q("__to_ts") + ", " + q("__op") + ", " + q("__seq") + ") SELECT " + columns + ", "
                        + q("__from_ts") + ", (SELECT " + q("__ts") + " FROM " + layout.changes(table) + " WHERE "
                        + q("__seq") + " = " + seq + "), " + q("__op") + ", " + q("__seq") + " FROM "
                        + layout.current(table));
            }
            statement.executeUpdate("DELETE FROM " + layout.current(table));
        }
        return seq;
    }

    /** The changes of this cycle: all above the watermark, up to the next truncate or the limit. */
    private long fillBatch(Connection connection, TableDescription table, long watermark, long limit)
            throws SQLException {
        Long nextTruncate = nullableLong(
                connection,
                "SELECT MIN(" + q("__seq") + ") FROM " + layout.changes(table) + " WHERE " + q("__seq") + " > "
                        + watermark + " AND " + q("__op") + " = 'T'");
        long upTo = Math.min(
                limit,
                nextTruncate != null
                        ? nextTruncate - 1
                        : count(connection, "SELECT MAX(" + q("__seq") + ") FROM " + layout.changes(table)));
        String columns = LandingTables.changeColumns(table).stream()
                .map(column -> q(column.name()))
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + layout.batch(table));
            statement.executeUpdate("INSERT INTO " + layout.batch(table) + " (" + columns + ") SELECT " + columns
                    + " FROM " + layout.changes(table) + " WHERE " + q("__seq") + " > " + watermark + " AND "
                    + q("__seq") + " <= " + upTo);
        }
        return upTo;
    }

    /**
     * Gives each value PostgreSQL did not send (unchanged TOAST) the value it had: from the key's
     * latest earlier change in the batch that has it, else from the current table.
     */
    private void resolveUnchanged(Connection connection, TableDescription table) throws SQLException {
        if (count(
                        connection,
                        "SELECT COUNT(*) FROM " + layout.batch(table) + " WHERE " + q("__unchanged") + " IS NOT NULL")
                == 0) {
            return;
        }
        for (ColumnDescription column : table.columns()) {
            if (table.primaryKey().contains(column.name())) {
                continue;
            }
            String c = q(column.name());
            String marked = q("__unchanged") + " LIKE ? ESCAPE '!'";
            String earlier = " FROM " + layout.batch(table) + " p WHERE " + keyMatch(table, "p", "b") + " AND p."
                    + q("__seq") + " < b." + q("__seq") + " AND p." + q("__op") + " IN ('I', 'U') AND (p."
                    + q("__unchanged") + " IS NULL OR NOT p." + marked + ")";
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + layout.batch(table) + " b SET "
                    + c + " = CASE WHEN EXISTS (SELECT 1" + earlier + ") THEN (SELECT p." + c + earlier + " ORDER BY p."
                    + q("__seq") + " DESC FETCH FIRST 1 ROWS ONLY) ELSE (SELECT cur." + c + " FROM "
                    + layout.current(table) + " cur WHERE " + keyMatch(table, "cur", "b") + ") END WHERE b."
                    + marked)) {
                String pattern = StorageLayout.unchangedPattern(column.name());
                update.setString(1, pattern);
                update.setString(2, pattern);
                update.setString(3, pattern);
                update.executeUpdate();
            }
        }
    }

    /**
     * Moves the versions the batch replaces into the prior table: each key's current version closes
     * at its first change, and each change closes at the key's next change.
     */
    private void closeVersions(Connection connection, TableDescription table) throws SQLException {
        String columns = layout.columnList(table, "");
        String key = keyList(table, "");
        String target = "INSERT INTO " + layout.prior(table) + " (" + columns + ", " + q("__from_ts") + ", "
                + q("__to_ts") + ", " + q("__op") + ", " + q("__seq") + ") ";
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(target + "SELECT " + layout.columnList(table, "cur.") + ", cur." + q("__from_ts")
                    + ", f." + q("__ts") + ", cur." + q("__op") + ", cur." + q("__seq") + " FROM "
                    + layout.current(table) + " cur JOIN (SELECT " + key + ", " + q("__ts") + " FROM (SELECT " + key
                    + ", " + q("__ts") + ", ROW_NUMBER() OVER (PARTITION BY " + key + " ORDER BY " + q("__seq")
                    + ") AS millrace_rank FROM " + layout.batch(table) + ") ranked WHERE millrace_rank = 1) f ON "
                    + keyMatch(table, "cur", "f"));
            statement.executeUpdate(target + "SELECT " + columns + ", " + q("__ts") + ", millrace_next, " + q("__op")
                    + ", " + q("__seq") + " FROM (SELECT " + columns + ", " + q("__ts") + ", " + q("__op") + ", "
                    + q("__seq") + ", LEAD(" + q("__ts") + ") OVER (PARTITION BY " + key + " ORDER BY " + q("__seq")
                    + ") AS millrace_next FROM " + layout.batch(table) + ") versions WHERE " + q("__op")
                    + " IN ('I', 'U') AND millrace_next IS NOT NULL");
        }
    }

    /** Each changed key's newest version replaces its current row; a key whose last change is a delete goes. */
    private void replaceCurrent(Connection connection, TableDescription table) throws SQLException {
        String columns = layout.columnList(table, "");
        try (Statement statement = connection.createStatement()) {
            // Named in full rather than aliased: MariaDB's DELETE takes no alias.
            String current = layout.current(table);
            statement.executeUpdate("DELETE FROM " + current + " WHERE EXISTS (SELECT 1 FROM " + layout.batch(table)
                    + " b WHERE " + keyMatch(table, current, "b") + ")");
            statement.executeUpdate("INSERT INTO " + current + " (" + columns + ", " + q("__from_ts")
                    + ", " + q("__op") + ", " + q("__seq") + ") SELECT " + columns + ", " + q("__ts") + ", " + q("__op")
                    + ", " + q("__seq") + " FROM (SELECT " + columns + ", " + q("__ts") + ", " + q("__op") + ", "
                    + q("__seq") + ", ROW_NUMBER() OVER (PARTITION BY " + keyList(table, "") + " ORDER BY " + q("__seq")
                    + " DESC) AS millrace_rank FROM " + layout.batch(table) + ") newest WHERE millrace_rank = 1 AND "
                    + q("__op") + " IN ('I', 'U')");
        }
    }

    private Optional<Applied> applied(Connection connection, TableDescription table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + q("applied_seq") + ", "
                + q("snapshot_at") + " FROM " + layout.applyTable() + " WHERE " + q("table_name") + " = ?")) {
            query.setString(1, table.name());
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new Applied(row.getLong(1), row.getObject(2, OffsetDateTime.class)))
                        : Optional.empty();
            }
        }
    }

    private String keyMatch(TableDescription table, String left, String right) {
        return layout.keyMatch(table, left, right);
    }

    private String keyList(TableDescription table, String alias) {
        return layout.columnNames(table.primaryKey(), alias);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        Long value = nullableLong(connection, sql);
        return value == null ? 0 : value;
    }

    private static Long nullableLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            long value = row.getLong(1);
            return row.wasNull() ? null : value;
        }
    }

    private String q(String identifier) {
        return layout.q(identifier);
    }
}
