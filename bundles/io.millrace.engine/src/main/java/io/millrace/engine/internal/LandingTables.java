package io.millrace.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The landing schema's layout, written through the target's dialect: {@code T} and {@code T__ct}
 * per source table, {@code __millrace_state} with each task's committed source position, and
 * {@code __millrace_load} with the key ranges of full loads, so that a load resumes after the last
 * range it committed, and {@code __millrace_increment} with each table's high-water mark in
 * incremental landing.
 */
final class LandingTables {
    static final String STATE_TABLE = "__millrace_state";
    static final String LOAD_TABLE = "__millrace_load";
    static final String SUSPENDED_TABLE = "__millrace_suspended";
    static final String INCREMENT_TABLE = "__millrace_increment";
    static final String CHANGES_SUFFIX = "__ct";

    /** The header columns of {@code T__ct}, before the table's own columns. */
    static final List<ColumnDescription> CHANGE_HEADER = List.of(
            column("__seq", PortableType.of(Kind.BIGINT), false),
            column("__op", PortableType.string(1), false),
            column(
                    "__ts",
                    new PortableType(Kind.TIMESTAMP_TZ, OptionalInt.empty(), OptionalInt.of(6), OptionalInt.empty()),
                    false),
            column("__tx", PortableType.string(64), false),
            // The columns whose value did not change and was not sent (TOAST): JSON array of names.
            column("__unchanged", PortableType.of(Kind.STRING), true));

    /** In {@code __millrace_load}: the last {@code __seq} landed before the load was planned. */
    private static final ColumnDescription CHANGES_BEFORE =
            column("changes_before", PortableType.of(Kind.BIGINT), true);

    private static final Set<String> HEADER_NAMES = Set.of("__seq", "__op", "__ts", "__tx", "__unchanged");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetDialect dialect;
    private final String schema;
    private final String sourceConnector;

    LandingTables(TargetDialect dialect, String schema, String sourceConnector) {
        this.dialect = dialect;
        this.schema = schema;
        this.sourceConnector = sourceConnector;
    }

    /** The name of a table's change table {@code T__ct}, fit for the target. */
    String changeTable(TableDescription table) {
        return TargetNames.derived(dialect, table.name(), CHANGES_SUFFIX);
    }

    /** The source position committed for a task, and the last {@code __seq} it wrote. */
    record State(Optional<String> position, long lastSeq) {}

    /**
     * A table's high-water mark in incremental landing: the highest value of its monotonic column
     * that was landed, and the rows landed with exactly that value (by key, or by all their values
     * without one), which the next run, reading from the value on again, passes over.
     */
    record Mark(Optional<String> value, Set<List<String>> rowsAtValue) {
        Mark {
            Objects.requireNonNull(value, "value");
            rowsAtValue = Set.copyOf(rowsAtValue);
        }
    }

    /** A key range of a full load and whether it has been loaded. */
    record PlannedRange(String schema, String table, int number, KeyRange range, long rowsLoaded, boolean loaded) {}

    /**
     * Creates what is missing: the schema, the bookkeeping tables, and {@code T} and {@code T__ct}
     * for each table.
     *
     * @throws IllegalArgumentException when a table has a column named like a header column
     */
    void create(Connection connection, List<TableDescription> tables) throws SQLException {
        List<String> statements = new ArrayList<>(dialect.createSchema(schema));
        statements.addAll(dialect.createTable(
                schema,
                STATE_TABLE,
                List.of(
                        column("task_id", PortableType.string(64), false),
                        column("position", PortableType.string(200), true),
                        column("last_seq", PortableType.of(Kind.BIGINT), false),
                        column("updated_at", PortableType.of(Kind.TIMESTAMP_TZ), false)),
                "millrace"));
        statements.addAll(dialect.createTable(
                schema,
                LOAD_TABLE,
                List.of(
                        column("task_id", PortableType.string(64), false),
                        column("table_schema", PortableType.of(Kind.STRING), false),
                        column("table_name", PortableType.of(Kind.STRING), false),
                        column("range_no", PortableType.of(Kind.INTEGER), false),
                        column("range_from", PortableType.of(Kind.STRING), false),
                        column("range_to", PortableType.of(Kind.STRING), false),
                        column("rows_loaded", PortableType.of(Kind.BIGINT), false),
                        column("loaded", PortableType.of(Kind.BOOLEAN), false),
                        // When the load was planned, just before its snapshot: storage dates the loaded rows by it.
                        column("snapshot_at", PortableType.of(Kind.TIMESTAMP_TZ), false),
                        CHANGES_BEFORE),
                "millrace"));
        statements.addAll(dialect.createTable(
                schema,
                SUSPENDED_TABLE,
                List.of(
                        column("task_id", PortableType.string(64), false),
                        column("table_schema", PortableType.of(Kind.STRING), false),
                        column("table_name", PortableType.of(Kind.STRING), false),
                        column("reason", PortableType.of(Kind.STRING), false),
                        column("suspended_at", PortableType.of(Kind.TIMESTAMP_TZ), false)),
                "millrace"));
        statements.addAll(dialect.createTable(
                schema,
                INCREMENT_TABLE,
                List.of(
                        column("task_id", PortableType.string(64), false),
                        column("table_schema", PortableType.of(Kind.STRING), false),
                        column("table_name", PortableType.of(Kind.STRING), false),
                        column("mark_value", PortableType.of(Kind.STRING), true),
                        column("rows_at_mark", PortableType.of(Kind.STRING), true),
                        column("updated_at", PortableType.of(Kind.TIMESTAMP_TZ), false)),
                "millrace"));
        for (TableDescription table : tables) {
            if (!TargetNames.fits(dialect, table.name())) {
                // Cut short by the target, it could meet another table's name: it is refused.
                throw new IllegalArgumentException("The table " + table.schema() + "." + table.name()
                        + " has a name longer than the target takes (" + dialect.maxIdentifierLength()
                        + "); rename it in the source or leave it out of the task");
            }
            for (ColumnDescription column : table.columns()) {
                if (HEADER_NAMES.contains(column.name())) {
                    throw new IllegalArgumentException("The column " + column.name() + " of " + table.schema() + "."
                            + table.name() + " has the name of a landing header column and cannot land");
                }
            }
            TargetNames.adoptCutName(connection, dialect, schema, table.name(), CHANGES_SUFFIX);
            statements.addAll(dialect.createTable(schema, table.name(), landed(table.columns()), sourceConnector));
            statements.addAll(dialect.createTable(schema, changeTable(table), changeColumns(table), sourceConnector));
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            // Landing zones from before storage took reloads into account lack the column.
            if (!TargetMetadata.columnNames(connection, schema, LOAD_TABLE).contains(CHANGES_BEFORE.name())) {
                for (String sql : dialect.addColumn(schema, LOAD_TABLE, CHANGES_BEFORE, "millrace")) {
                    statement.execute(sql);
                }
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /**
     * Drops a table's landing tables, and the storage views that read them, and creates them with
     * the table's columns now: for a table whose source types the landing columns cannot hold.
     */
    void remake(Connection connection, TableDescription table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            dropChangeViews(statement, table);
            for (String name : List.of(changeTable(table), table.name())) {
                statement.execute("DROP TABLE IF EXISTS " + dialect.qualify(schema, name));
            }
        }
        create(connection, List.of(table));
    }

    /** Storage's views that read T__ct: a column they read cannot change; storage makes them anew. */
    private void dropChangeViews(Statement statement, TableDescription table) throws SQLException {
        for (String view : StorageLayout.CHANGE_VIEWS) {
            statement.execute("DROP VIEW IF EXISTS "
                    + dialect.qualify(
                            StorageLayout.storageSchema(schema), TargetNames.derived(dialect, table.name(), view)));
        }
    }

    /** Adds the columns a table gained in the source to its landing tables {@code T} and {@code T__ct}. */
    List<String> addColumns(Connection connection, TableDescription before, TableDescription after)
            throws SQLException {
        List<String> known =
                before.columns().stream().map(ColumnDescription::name).toList();
        List<String> added = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (ColumnDescription column : landed(after.columns())) {
                if (!known.contains(column.name())) {
                    for (String table : List.of(after.name(), changeTable(after))) {
                        for (String sql : dialect.addColumn(schema, table, column, sourceConnector)) {
                            statement.execute(sql);
                        }
                    }
                    added.add(column.name());
                }
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        return added;
    }

    /** Gives the landing tables {@code T} and {@code T__ct} wider types for the columns given. */
    void widenColumns(Connection connection, TableDescription table, List<ColumnDescription> columns)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            dropChangeViews(statement, table);
            for (ColumnDescription column : landed(columns)) {
                for (String name : List.of(table.name(), changeTable(table))) {
                    for (String sql : dialect.alterColumnType(schema, name, column, sourceConnector)) {
                        statement.execute(sql);
                    }
                }
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** The columns of {@code T__ct}: the header, then the table's columns. */
    static List<ColumnDescription> changeColumns(TableDescription table) {
        return Stream.concat(CHANGE_HEADER.stream(), landed(table.columns()).stream())
                .toList();
    }

    /** Landed columns accept NULL: deletes carry only the key, and dropped columns hold NULL later. */
    private static List<ColumnDescription> landed(List<ColumnDescription> columns) {
        return columns.stream()
                .map(column -> new ColumnDescription(column.name(), column.sourceType(), column.type(), true))
                .toList();
    }

    Optional<State> state(Connection connection, String taskId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + dialect.quote("position") + ", "
                + dialect.quote("last_seq") + " FROM " + dialect.qualify(schema, STATE_TABLE) + " WHERE "
                + dialect.quote("task_id") + " = ?")) {
            query.setString(1, taskId);
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                        ? Optional.of(new State(Optional.ofNullable(row.getString(1)), row.getLong(2)))
                        : Optional.empty();
            }
        }
    }

    /** Records the position and sequence in the connection's current transaction. */
    void writeState(Connection connection, String taskId, Optional<String> position, long lastSeq, Instant at)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + dialect.qualify(schema, STATE_TABLE)
                + " SET " + dialect.quote("position") + " = ?, " + dialect.quote("last_seq") + " = ?, "
                + dialect.quote("updated_at") + " = ? WHERE " + dialect.quote("task_id") + " = ?")) {
            update.setString(1, position.orElse(null));
            update.setLong(2, lastSeq);
            update.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            update.setString(4, taskId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                + dialect.qualify(schema, STATE_TABLE)
                + " (" + dialect.quote("task_id") + ", " + dialect.quote("position") + ", " + dialect.quote("last_seq")
                + ", " + dialect.quote("updated_at") + ") VALUES (?, ?, ?, ?)")) {
            insert.setString(1, taskId);
            insert.setString(2, position.orElse(null));
            insert.setLong(3, lastSeq);
            insert.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /**
     * Empties a table's landing tables and plans its load anew, in the current transaction.
     *
     * @param changesBefore the last {@code __seq} landed before the load: the load holds what those
     *     changes did, so storage starts after them
     */
    void planLoad(
            Connection connection, String taskId, TableDescription table, List<KeyRange> ranges, long changesBefore)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + dialect.qualify(schema, table.name()));
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + dialect.qualify(schema, LOAD_TABLE)
                + " WHERE " + dialect.quote("task_id") + " = ? AND " + dialect.quote("table_schema") + " = ? AND "
                + dialect.quote("table_name") + " = ?")) {
            delete.setString(1, taskId);
            delete.setString(2, table.schema());
            delete.setString(3, table.name());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + dialect.qualify(schema, LOAD_TABLE) + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")) {
            OffsetDateTime plannedAt = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < ranges.size(); i++) {
                insert.setString(1, taskId);
                insert.setString(2, table.schema());
                insert.setString(3, table.name());
                insert.setInt(4, i);
                insert.setString(5, json(ranges.get(i).from()));
                insert.setString(6, json(ranges.get(i).to()));
                insert.setBoolean(7, false);
                insert.setObject(8, plannedAt);
                insert.setLong(9, changesBefore);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Empties a table's change table, for a task that starts over. */
    void clearChanges(Connection connection, TableDescription table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + dialect.qualify(schema, changeTable(table)));
        }
    }

    /** Stops landing a table's changes, for the reason given, until it is reloaded; in the current transaction. */
    void suspend(Connection connection, String taskId, TableDescription table, String reason) throws SQLException {
        resume(connection, taskId, table);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + dialect.qualify(schema, SUSPENDED_TABLE) + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, taskId);
            insert.setString(2, table.schema());
            insert.setString(3, table.name());
            insert.setString(4, reason);
            insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Lands a suspended table's changes again; in the current transaction. */
    void resume(Connection connection, String taskId, TableDescription table) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM "
                + dialect.qualify(schema, SUSPENDED_TABLE) + " WHERE " + dialect.quote("task_id") + " = ? AND "
                + dialect.quote("table_schema") + " = ? AND " + dialect.quote("table_name") + " = ?")) {
            delete.setString(1, taskId);
            delete.setString(2, table.schema());
            delete.setString(3, table.name());
            delete.executeUpdate();
        }
    }

    /** The tables of a task whose changes are not landed, as schema and name, with the reason. */
    Map<List<String>, String> suspended(Connection connection, String taskId) throws SQLException {
        Map<List<String>, String> suspended = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + dialect.quote("table_schema") + ", "
                + dialect.quote("table_name") + ", " + dialect.quote("reason") + " FROM "
                + dialect.qualify(schema, SUSPENDED_TABLE) + " WHERE " + dialect.quote("task_id") + " = ?")) {
            query.setString(1, taskId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    suspended.put(List.of(rows.getString(1), rows.getString(2)), rows.getString(3));
                }
            }
        }
        return suspended;
    }

    /** A table's high-water mark, if the task has one for it. */
    Optional<Mark> mark(Connection connection, String taskId, TableDescription table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + dialect.quote("mark_value") + ", "
                + dialect.quote("rows_at_mark") + " FROM " + dialect.qualify(schema, INCREMENT_TABLE) + " WHERE "
                + dialect.quote("task_id") + " = ? AND " + dialect.quote("table_schema") + " = ? AND "
                + dialect.quote("table_name") + " = ?")) {
            query.setString(1, taskId);
            query.setString(2, table.schema());
            query.setString(3, table.name());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String rows = row.getString(2);
                return Optional.of(new Mark(
                        Optional.ofNullable(row.getString(1)),
                        rows == null
                                ? Set.of()
                                : Set.copyOf(JSON.readValue(rows, new TypeReference<List<List<String>>>() {}))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(
                        "The rows at the mark of " + table.name() + " in " + INCREMENT_TABLE
                                + " are not a JSON array of arrays",
                        e);
            }
        }
    }

    /** Records a table's high-water mark in the connection's current transaction. */
    void writeMark(Connection connection, String taskId, TableDescription table, Mark mark) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM "
                + dialect.qualify(schema, INCREMENT_TABLE) + " WHERE " + dialect.quote("task_id") + " = ? AND "
                + dialect.quote("table_schema") + " = ? AND " + dialect.quote("table_name") + " = ?")) {
            delete.setString(1, taskId);
            delete.setString(2, table.schema());
            delete.setString(3, table.name());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + dialect.qualify(schema, INCREMENT_TABLE) + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, taskId);
            insert.setString(2, table.schema());
            insert.setString(3, table.name());
            insert.setString(4, mark.value().orElse(null));
            insert.setString(5, mark.rowsAtValue().isEmpty() ? null : json(mark.rowsAtValue()));
            insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** Every planned range of a task's loads, loaded or not. */
    List<PlannedRange> ranges(Connection connection, String taskId) throws SQLException {
        List<PlannedRange> ranges = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + dialect.quote("table_schema") + ", "
                + dialect.quote("table_name") + ", " + dialect.quote("range_no") + ", " + dialect.quote("range_from")
                + ", " + dialect.quote("range_to") + ", " + dialect.quote("rows_loaded") + ", "
                + dialect.quote("loaded") + " FROM " + dialect.qualify(schema, LOAD_TABLE) + " WHERE "
                + dialect.quote("task_id") + " = ? ORDER BY 1, 2, 3")) {
            query.setString(1, taskId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ranges.add(new PlannedRange(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getInt(3),
                            new KeyRange(list(rows.getString(4)), list(rows.getString(5))),
                            rows.getLong(6),
                            rows.getBoolean(7)));
                }
            }
        }
        return ranges;
    }

    /** Marks a range loaded, in the transaction that wrote its rows. */
    void markLoaded(Connection connection, String taskId, PlannedRange range, long rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + dialect.qualify(schema, LOAD_TABLE)
                + " SET " + dialect.quote("rows_loaded") + " = ?, " + dialect.quote("loaded") + " = ? WHERE "
                + dialect.quote("task_id") + " = ? AND " + dialect.quote("table_schema") + " = ? AND "
                + dialect.quote("table_name") + " = ? AND " + dialect.quote("range_no") + " = ?")) {
            update.setLong(1, rows);
            update.setBoolean(2, true);
            update.setString(3, taskId);
            update.setString(4, range.schema());
            update.setString(5, range.table());
            update.setInt(6, range.number());
            update.executeUpdate();
        }
    }

    String schema() {
        return schema;
    }

    TargetDialect dialect() {
        return dialect;
    }

    private static ColumnDescription column(String name, PortableType type, boolean nullable) {
        return new ColumnDescription(name, type.toString(), type, nullable);
    }

    /** Lists and sets of strings, and of lists of strings, as JSON. */
    private static String json(Object values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of strings is always JSON", e);
        }
    }

    private static List<String> list(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A key range in " + LOAD_TABLE + " is not a JSON array: " + json, e);
        }
    }
}
