package io.millrace.engine.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
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
     * @return how many changes were applied, or empty while the table's full load has not finished
     */
    OptionalLong apply(Connection connection, TableDescription table, boolean history) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (watermark(connection, table).isEmpty() && !initialize(connection, table)) {
                return OptionalLong.empty();
            }
            long applied = 0;
            long cycle;
            while ((cycle = cycle(connection, table, history)) > 0) {
                applied += cycle;
            }
            return OptionalLong.of(applied);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    /** The current table from the full load, dated by its snapshot; false while it is loading. */
    private boolean initialize(Connection connection, TableDescription table) throws SQLException {
        OffsetDateTime snapshot;
        try (PreparedStatement query =
                connection.prepareStatement("SELECT MIN(" + q("snapshot_at") + "), SUM(CASE WHEN "
                        + q("loaded") + " THEN 0 ELSE 1 END), COUNT(*) FROM " + layout.loadTable() + " WHERE "
                        + q("table_schema") + " = ? AND " + q("table_name") + " = ?")) {
            query.setString(1, table.schema());
            query.setString(2, table.name());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                if (row.getLong(3) == 0 || row.getLong(2) > 0) {
                    return false;
                }
                snapshot = row.getObject(1, OffsetDateTime.class);
            }
        }
        String columns = layout.columnList(table, "");
        try (PreparedStatement fill =
                connection.prepareStatement("INSERT INTO " + layout.current(table) + " (" + columns
                        + ", " + q("__from_ts") + ", " + q("__op") + ", " + q("__seq") + ") SELECT " + columns
                        + ", ?, 'I', 0 FROM "
                        + layout.loaded(table))) {
            fill.setObject(1, snapshot);
            fill.executeUpdate();
        }
        try (PreparedStatement mark = connection.prepareStatement("INSERT INTO " + layout.applyTable() + " ("
                + q("table_name") + ", " + q("applied_seq") + ", " + q("snapshot_at") + ", " + q("applied_at")
                + ") VALUES (?, 0, ?, ?)")) {
            mark.setString(1, table.name());
            mark.setObject(2, snapshot);
            mark.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            mark.executeUpdate();
        }
        connection.commit();
        return true;
    }

    /** @return how many changes the cycle applied; 0 when there were none */
    private long cycle(Connection connection, TableDescription table, boolean history) throws SQLException {
        long watermark = watermark(connection, table).orElseThrow();
        Optional<String> firstOperation = firstPending(connection, table, watermark);
        if (firstOperation.isEmpty()) {
            return 0;
        }
        long upTo;
        if (firstOperation.get().equals("T")) {
            upTo = truncate(connection, table, watermark, history);
        } else {
            upTo = fillBatch(connection, table, watermark);
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

    private Optional<String> firstPending(Connection connection, TableDescription table, long watermark)
            throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT " + q("__op") + " FROM " + layout.changes(table)
                        + " WHERE " + q("__seq") + " = (SELECT MIN(" + q("__seq") + ") FROM " + layout.changes(table)
                        + " WHERE " + q("__seq") + " > " + watermark + ")")) {
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

    /** The changes of this cycle: all above the watermark, up to the next truncate. */
    private long fillBatch(Connection connection, TableDescription table, long watermark) throws SQLException {
        Long nextTruncate = nullableLong(
                connection,
                "SELECT MIN(" + q("__seq") + ") FROM " + layout.changes(table) + " WHERE " + q("__seq") + " > "
                        + watermark + " AND " + q("__op") + " = 'T'");
        long upTo = nextTruncate != null
                ? nextTruncate - 1
                : count(connection, "SELECT MAX(" + q("__seq") + ") FROM " + layout.changes(table));
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
            statement.executeUpdate("DELETE FROM " + layout.current(table) + " cur WHERE EXISTS (SELECT 1 FROM "
                    + layout.batch(table) + " b WHERE " + keyMatch(table, "cur", "b") + ")");
            statement.executeUpdate("INSERT INTO " + layout.current(table) + " (" + columns + ", " + q("__from_ts")
                    + ", " + q("__op") + ", " + q("__seq") + ") SELECT " + columns + ", " + q("__ts") + ", " + q("__op")
                    + ", " + q("__seq") + " FROM (SELECT " + columns + ", " + q("__ts") + ", " + q("__op") + ", "
                    + q("__seq") + ", ROW_NUMBER() OVER (PARTITION BY " + keyList(table, "") + " ORDER BY " + q("__seq")
                    + " DESC) AS millrace_rank FROM " + layout.batch(table) + ") newest WHERE millrace_rank = 1 AND "
                    + q("__op") + " IN ('I', 'U')");
        }
    }

    private Optional<Long> watermark(Connection connection, TableDescription table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + q("applied_seq") + " FROM " + layout.applyTable() + " WHERE " + q("table_name") + " = ?")) {
            query.setString(1, table.name());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
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
