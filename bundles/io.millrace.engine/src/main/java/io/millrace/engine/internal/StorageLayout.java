package io.millrace.engine.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The storage schemas of a project, written through the target's dialect. In {@code
 * <project>_storage_internal}: {@code T__current} (one row per key as of the last apply, with the
 * time and change its version started with), {@code T__prior} (closed type-2 versions, valid over
 * [{@code __from_ts}, {@code __to_ts})), {@code T__batch} (the changes of the apply cycle in
 * progress) and {@code __millrace_apply} (the applied {@code __seq} per table). In {@code
 * <project>_storage}, the views consumers query: {@code T}, {@code T_changes}, {@code T_history}.
 */
final class StorageLayout {
    static final String CURRENT_SUFFIX = "__current";
    static final String PRIOR_SUFFIX = "__prior";
    static final String BATCH_SUFFIX = "__batch";
    static final String APPLY_TABLE = "__millrace_apply";

    private static final PortableType TIMESTAMP_TZ =
            new PortableType(Kind.TIMESTAMP_TZ, OptionalInt.empty(), OptionalInt.of(6), OptionalInt.empty());

    private final TargetDialect dialect;
    private final String landing;
    private final String internal;
    private final String storage;
    private final String sourceConnector;

    StorageLayout(TargetDialect dialect, String project, String sourceConnector) {
        this.dialect = dialect;
        this.landing = project + "_landing";
        this.internal = project + "_storage_internal";
        this.storage = project + "_storage";
        this.sourceConnector = sourceConnector;
    }

    /** Creates what is missing for a table: schemas, internal tables, and the views. */
    void create(Connection connection, TableDescription table) throws SQLException {
        if (table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("The table " + table.schema() + "." + table.name()
                    + " has no primary key; storage needs key columns to keep one row per key");
        }
        List<ColumnDescription> columns = table.columns().stream()
                .map(column -> new ColumnDescription(column.name(), column.sourceType(), column.type(), true))
                .toList();
        List<String> statements = new ArrayList<>();
        statements.addAll(dialect.createSchema(internal));
        statements.addAll(dialect.createSchema(storage));
        statements.addAll(dialect.createTable(
                internal,
                APPLY_TABLE,
                List.of(
                        column("table_name", PortableType.of(Kind.STRING)),
                        column("applied_seq", PortableType.of(Kind.BIGINT)),
                        column("snapshot_at", TIMESTAMP_TZ),
                        column("applied_at", TIMESTAMP_TZ)),
                "millrace"));
        statements.addAll(dialect.createTable(
                internal,
                table.name() + CURRENT_SUFFIX,
                concat(
                        columns,
                        List.of(
                                column("__from_ts", TIMESTAMP_TZ),
                                column("__op", PortableType.string(1)),
                                column("__seq", PortableType.of(Kind.BIGINT)))),
                sourceConnector));
        statements.addAll(dialect.createTable(
                internal,
                table.name() + PRIOR_SUFFIX,
                concat(
                        columns,
                        List.of(
                                column("__from_ts", TIMESTAMP_TZ),
                                column("__to_ts", TIMESTAMP_TZ),
                                column("__op", PortableType.string(1)),
                                column("__seq", PortableType.of(Kind.BIGINT)))),
                sourceConnector));
        statements.addAll(dialect.createTable(
                internal, table.name() + BATCH_SUFFIX, LandingTables.changeColumns(table), sourceConnector));
        statements.addAll(views(table));
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private List<String> views(TableDescription table) {
        String columns = columnList(table, "");
        String applied = "(SELECT " + q("applied_seq") + " FROM " + dialect.qualify(internal, APPLY_TABLE) + " WHERE "
                + q("table_name") + " = '" + table.name().replace("'", "''") + "')";
        return List.of(
                view(table.name(), "SELECT " + columns + " FROM " + current(table)),
                view(
                        table.name() + "_changes",
                        "SELECT * FROM " + dialect.qualify(landing, table.name() + LandingTables.CHANGES_SUFFIX)
                                + " WHERE " + q("__seq") + " > COALESCE(" + applied + ", 0)"),
                view(
                        table.name() + "_history",
                        "SELECT " + columns + ", " + q("__from_ts") + ", " + q("__to_ts") + ", " + q("__op") + ", "
                                + q("__seq") + " FROM " + prior(table) + " UNION ALL SELECT " + columns + ", "
                                + q("__from_ts") + ", CAST(NULL AS "
                                + dialect.columnType(column("t", TIMESTAMP_TZ), "millrace")
                                + "), " + q("__op") + ", " + q("__seq") + " FROM " + current(table)));
    }

    private String view(String name, String query) {
        return "CREATE OR REPLACE VIEW " + dialect.qualify(storage, name) + " AS " + query;
    }

    String columnList(TableDescription table, String alias) {
        return table.columns().stream().map(column -> alias + q(column.name())).collect(Collectors.joining(", "));
    }

    String current(TableDescription table) {
        return dialect.qualify(internal, table.name() + CURRENT_SUFFIX);
    }

    String prior(TableDescription table) {
        return dialect.qualify(internal, table.name() + PRIOR_SUFFIX);
    }

    String batch(TableDescription table) {
        return dialect.qualify(internal, table.name() + BATCH_SUFFIX);
    }

    String changes(TableDescription table) {
        return dialect.qualify(landing, table.name() + LandingTables.CHANGES_SUFFIX);
    }

    String loaded(TableDescription table) {
        return dialect.qualify(landing, table.name());
    }

    String loadTable() {
        return dialect.qualify(landing, LandingTables.LOAD_TABLE);
    }

    String applyTable() {
        return dialect.qualify(internal, APPLY_TABLE);
    }

    String q(String identifier) {
        return dialect.quote(identifier);
    }

    private static ColumnDescription column(String name, PortableType type) {
        return new ColumnDescription(name, type.toString(), type, true);
    }

    private static List<ColumnDescription> concat(List<ColumnDescription> first, List<ColumnDescription> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
