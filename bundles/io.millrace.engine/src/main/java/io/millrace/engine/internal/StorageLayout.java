package io.millrace.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The storage schemas of a project, written through the target's dialect. In {@code
 * <project>_storage_internal}: {@code T__current} (one row per key as of the last apply, with the
 * time and change its version started with), {@code T__prior} (closed type-2 versions, valid over
 * [{@code __from_ts}, {@code __to_ts})), {@code T__batch} (the changes of the apply cycle in
 * progress) and {@code __millrace_apply} (the applied {@code __seq} per table). In {@code
 * <project>_storage}, the views consumers query: {@code T} (current), {@code T_live} (current with
 * the changes not yet applied), {@code T_changes} (those changes), {@code T_history} and {@code
 * T_history_live}.
 */
final class StorageLayout {
    static final String CURRENT_SUFFIX = "__current";
    static final String PRIOR_SUFFIX = "__prior";
    static final String BATCH_SUFFIX = "__batch";
    static final String APPLY_TABLE = "__millrace_apply";
    static final String VERIFY_SUFFIX = "__verify";
    /** The views that read the landing change table, by their suffix after the table's name. */
    static final List<String> CHANGE_VIEWS = List.of("_changes", "_live", "_history_live");

    private static final PortableType TIMESTAMP_TZ =
            new PortableType(Kind.TIMESTAMP_TZ, OptionalInt.empty(), OptionalInt.of(6), OptionalInt.empty());

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The source type of a column the source no longer has; only its name is used. */
    private static final String DROPPED = "(dropped in the source)";

    private final TargetDialect dialect;
    private final String landing;
    private final String internal;
    private final String storage;
    private final String sourceConnector;

    StorageLayout(TargetDialect dialect, String project, String sourceConnector) {
        this.dialect = dialect;
        this.landing = project + "_landing";
        this.internal = project + "_storage_internal";
        this.storage = storageSchema(landing);
        this.sourceConnector = sourceConnector;
    }

    /** Creates what is missing for a table: schemas, internal tables, and the views. */
    void create(Connection connection, TableDescription table) throws SQLException {
        if (table.primaryKey().isEmpty()) {
            throw new IllegalArgumentException("The table " + table.schema() + "." + table.name()
                    + " has no primary key; storage needs key columns to keep one row per key");
        }
        List<ColumnDescription> columns = nullable(table);
        for (String suffix : List.of(CURRENT_SUFFIX, PRIOR_SUFFIX, BATCH_SUFFIX)) {
            TargetNames.adoptCutName(connection, dialect, internal, table.name(), suffix);
        }
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
                named(table, CURRENT_SUFFIX),
                concat(
                        columns,
                        List.of(
                                column("__from_ts", TIMESTAMP_TZ),
                                column("__op", PortableType.string(1)),
                                column("__seq", PortableType.of(Kind.BIGINT)))),
                sourceConnector));
        statements.addAll(dialect.createTable(
                internal,
                named(table, PRIOR_SUFFIX),
                concat(
                        columns,
                        List.of(
                                column("__from_ts", TIMESTAMP_TZ),
                                column("__to_ts", TIMESTAMP_TZ),
                                column("__op", PortableType.string(1)),
                                column("__seq", PortableType.of(Kind.BIGINT)))),
                sourceConnector));
        statements.addAll(dialect.createTable(
                internal, named(table, BATCH_SUFFIX), LandingTables.changeColumns(table), sourceConnector));
        // Storage looks changes up by key and by sequence: indexes keep applies and live views fast.
        statements.add("CREATE INDEX IF NOT EXISTS " + q(indexName(table, "key")) + " ON " + changes(table) + " ("
                + indexed(concat(keyColumns(table), List.of(column("__seq", PortableType.of(Kind.BIGINT))))) + ")");
        statements.add("CREATE INDEX IF NOT EXISTS " + q(indexName(table, "seq")) + " ON " + changes(table) + " ("
                + q("__seq") + ")");
        statements.add("CREATE UNIQUE INDEX IF NOT EXISTS " + q(indexName(table, "current_key")) + " ON "
                + current(table) + " (" + columnNames(table.primaryKey(), "") + ")");
        List<ColumnDescription> added = missingColumns(connection, internal, named(table, CURRENT_SUFFIX), columns);
        for (ColumnDescription column : added) {
            for (String suffix : List.of(CURRENT_SUFFIX, PRIOR_SUFFIX, BATCH_SUFFIX)) {
                statements.addAll(dialect.addColumn(internal, named(table, suffix), column, sourceConnector));
            }
        }
        if (!added.isEmpty()) {
            // A view's columns change in the middle (before __from_ts ...): it is made anew.
            statements.addAll(dropViews(table));
        }
        statements.addAll(views(table));
        execute(connection, statements);
    }

    private List<String> dropViews(TableDescription table) {
        return Stream.of("", "_live", "_changes", "_history", "_history_live")
                .map(view -> "DROP VIEW IF EXISTS " + dialect.qualify(storage, named(table, view)))
                .toList();
    }

    /**
     * Runs the statements as one transaction, so that where DDL is transactional (PostgreSQL) a
     * reader never finds a view missing while it is dropped and made anew.
     */
    private static void execute(Connection connection, List<String> statements) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Gives the storage tables the column types landing has where landing widened them (the views
     * are made anew around it, since some databases cannot change a column a view uses), and
     * returns the names of those columns.
     */
    List<String> widen(Connection connection, TableDescription table) throws SQLException {
        Map<String, String> landed =
                TargetMetadata.columnTypes(connection, landing, named(table, LandingTables.CHANGES_SUFFIX));
        Map<String, String> stored = TargetMetadata.columnTypes(connection, internal, named(table, CURRENT_SUFFIX));
        List<ColumnDescription> wider = table.columns().stream()
                .filter(column -> landed.containsKey(column.name())
                        && stored.containsKey(column.name())
                        && !landed.get(column.name()).equals(stored.get(column.name())))
                .toList();
        if (wider.isEmpty()) {
            return List.of();
        }
        List<String> statements = new ArrayList<>(dropViews(table));
        for (ColumnDescription column : wider) {
            for (String suffix : List.of(CURRENT_SUFFIX, PRIOR_SUFFIX, BATCH_SUFFIX)) {
                statements.addAll(dialect.alterColumnType(internal, named(table, suffix), column, sourceConnector));
            }
        }
        statements.addAll(views(table));
        execute(connection, statements);
        return wider.stream().map(ColumnDescription::name).toList();
    }

    /**
     * Starts a table's storage anew, for landing tables made anew with column types the storage
     * tables cannot take: the current and prior tables are copied to tables named with {@code
     * _before_} and the time, then made anew empty, to be filled from the landed table.
     *
     * @return the names of the copies
     */
    String restart(Connection connection, TableDescription table) throws SQLException {
        String stamp = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        List<String> statements = new ArrayList<>(dropViews(table));
        List<String> copies = new ArrayList<>();
        for (String suffix : List.of(CURRENT_SUFFIX, PRIOR_SUFFIX)) {
            String copy = named(table, suffix + "_before_" + stamp);
            copies.add(dialect.qualify(internal, copy));
            statements.add("CREATE TABLE " + dialect.qualify(internal, copy) + " AS SELECT * FROM "
                    + dialect.qualify(internal, named(table, suffix)));
        }
        for (String suffix : List.of(CURRENT_SUFFIX, PRIOR_SUFFIX, BATCH_SUFFIX)) {
            statements.add("DROP TABLE " + dialect.qualify(internal, named(table, suffix)));
        }
        statements.add("DELETE FROM " + applyTable() + " WHERE " + q("table_name") + " = " + literal(table.name()));
        execute(connection, statements);
        create(connection, table);
        return String.join(" and ", copies);
    }

    /**
     * A query of the table's rows as of a moment, from its history: the versions valid then.
     * Without history, versions that ended are not kept, so only the current rows answer.
     */
    String asOf(TableDescription table, Instant moment, boolean history) {
        if (!history) {
            return "SELECT " + columnList(table, "") + " FROM " + current(table);
        }
        String at = dialect.timestampWithTimeZone(moment);
        String valid = " WHERE " + q("__from_ts") + " <= " + at + " AND ";
        return "SELECT " + columnList(table, "") + " FROM " + prior(table) + valid + q("__to_ts") + " > " + at
                + " UNION ALL SELECT " + columnList(table, "") + " FROM " + current(table) + valid.replace(" AND ", "");
    }

    /** Whether storage has created the table's current table yet. */
    boolean isStored(Connection connection, TableDescription table) throws SQLException {
        return !TargetMetadata.columnNames(connection, internal, named(table, CURRENT_SUFFIX))
                .isEmpty();
    }

    /** The table a verification reads the source table into, to compare it with the current table. */
    String scratch(TableDescription table) {
        return dialect.qualify(internal, named(table, VERIFY_SUFFIX));
    }

    /** Makes the scratch table anew, empty, with the table's columns as landing types them. */
    void createScratch(Connection connection, TableDescription table) throws SQLException {
        List<String> statements = new ArrayList<>();
        statements.add("DROP TABLE IF EXISTS " + scratch(table));
        statements.addAll(dialect.createTable(internal, named(table, VERIFY_SUFFIX), nullable(table), sourceConnector));
        execute(connection, statements);
    }

    RowWriter scratchWriter(Connection connection, TableDescription table) throws SQLException {
        return dialect.rowWriter(connection, internal, named(table, VERIFY_SUFFIX), nullable(table));
    }

    /** Indexes the filled scratch table by key, for the comparison's lookups. */
    void indexScratch(Connection connection, TableDescription table) throws SQLException {
        execute(
                connection,
                List.of("CREATE INDEX " + q(indexName(table, "verify_key")) + " ON " + scratch(table) + " ("
                        + indexed(keyColumns(table)) + ")"));
    }

    /** The key columns, in key order. */
    private static List<ColumnDescription> keyColumns(TableDescription table) {
        return table.primaryKey().stream()
                .map(name -> table.columns().stream()
                        .filter(column -> column.name().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("The key column " + name + " of "
                                + table.schema() + "." + table.name() + " is not one of its columns")))
                .toList();
    }

    /** Columns as a lookup index lists them. */
    private String indexed(List<ColumnDescription> columns) {
        return dialect.indexedColumns(columns, sourceConnector);
    }

    void dropScratch(Connection connection, TableDescription table) throws SQLException {
        execute(connection, List.of("DROP TABLE IF EXISTS " + scratch(table)));
    }

    private static List<ColumnDescription> nullable(TableDescription table) {
        return table.columns().stream()
                .map(column -> new ColumnDescription(column.name(), column.sourceType(), column.type(), true))
                .toList();
    }

    /** Whether landing has created the table's change table yet. */
    boolean hasLanded(Connection connection, TableDescription table) throws SQLException {
        return TargetMetadata.exists(connection, landing, named(table, LandingTables.CHANGES_SUFFIX));
    }

    /**
     * Whether the table's storage must be prepared again before an apply: landing's change table
     * has other columns than the table as storage knows it, or landing dropped the views that read
     * it to change a column's type.
     */
    boolean needsPreparing(Connection connection, TableDescription table) throws SQLException {
        if (!landedColumns(connection, table)
                .equals(table.columns().stream().map(ColumnDescription::name).toList())) {
            return true;
        }
        return !TargetMetadata.exists(connection, storage, named(table, "_changes"));
    }

    private List<String> landedColumns(Connection connection, TableDescription table) throws SQLException {
        return TargetMetadata.columnNames(connection, landing, named(table, LandingTables.CHANGES_SUFFIX)).stream()
                .filter(name -> LandingTables.CHANGE_HEADER.stream()
                        .noneMatch(header -> header.name().equals(name)))
                .toList();
    }

    /**
     * The table as landing holds it, in the landing change table's column order: a column the
     * source gained reaches storage once landing has it, and a column the source dropped stays
     * (holding NULL from then on), so that the views keep their columns.
     */
    TableDescription landedShape(Connection connection, TableDescription table) throws SQLException {
        List<ColumnDescription> columns = new ArrayList<>();
        for (String name : landedColumns(connection, table)) {
            columns.add(table.columns().stream()
                    .filter(column -> column.name().equals(name))
                    .findFirst()
                    .orElseGet(() -> new ColumnDescription(name, DROPPED, PortableType.of(Kind.STRING), true)));
        }
        return new TableDescription(
                table.schema(), table.name(), table.partitioned(), columns, table.primaryKey(), table.estimatedRows());
    }

    /** The columns a target table does not have; all of them when the table does not exist yet. */
    private static List<ColumnDescription> missingColumns(
            Connection connection, String schema, String table, List<ColumnDescription> columns) throws SQLException {
        List<String> existing = TargetMetadata.columnNames(connection, schema, table);
        if (existing.isEmpty()) {
            return List.of();
        }
        return columns.stream()
                .filter(column -> !existing.contains(column.name()))
                .toList();
    }

    private List<String> views(TableDescription table) {
        String columns = columnList(table, "");
        String meta = q("__from_ts") + ", " + q("__to_ts") + ", " + q("__op") + ", " + q("__seq");
        String watermark = watermark(table);
        String pending = q("__seq") + " > " + watermark;
        String lastTruncate = "COALESCE((SELECT MAX(t." + q("__seq") + ") FROM " + changes(table) + " t WHERE t."
                + q("__seq") + " > " + watermark + " AND t." + q("__op") + " = 'T'), 0)";
        String openTimestamp = "CAST(NULL AS " + dialect.columnType(column("t", TIMESTAMP_TZ), "millrace") + ")";
        // Pending changes that still count: those after the last pending truncate.
        String live = "p." + q("__seq") + " > " + watermark + " AND p." + q("__seq") + " > " + lastTruncate;
        String history = "SELECT " + columns + ", " + meta + " FROM " + prior(table) + " UNION ALL SELECT " + columns
                + ", " + q("__from_ts") + ", " + openTimestamp + ", " + q("__op") + ", " + q("__seq") + " FROM "
                + current(table);
        return List.of(
                view(table.name(), "SELECT " + columns + " FROM " + current(table)),
                view(named(table, "_changes"), "SELECT * FROM " + changes(table) + " WHERE " + pending),
                view(named(table, "_history"), history),
                view(
                        named(table, "_live"),
                        "SELECT " + columns + " FROM " + current(table) + " cur WHERE NOT EXISTS (SELECT 1 FROM "
                                + changes(table) + " p WHERE p." + pending + " AND " + keyMatch(table, "p", "cur")
                                + ") AND NOT EXISTS (SELECT 1 FROM " + changes(table) + " p WHERE p." + pending
                                + " AND p." + q("__op") + " = 'T') UNION ALL SELECT " + resolvedColumns(table, "n")
                                + " FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY "
                                + columnNames(table.primaryKey(), "p.") + " ORDER BY p." + q("__seq")
                                + " DESC) AS millrace_rank FROM " + changes(table) + " p WHERE " + live
                                + ") n WHERE n.millrace_rank = 1 AND n." + q("__op") + " IN ('I', 'U')"),
                view(
                        named(table, "_history_live"),
                        "SELECT " + columns + ", " + meta + " FROM " + prior(table) + " UNION ALL SELECT "
                                + columnList(table, "cur.") + ", cur." + q("__from_ts") + ", "
                                + earliest(
                                        "SELECT MIN(p." + q("__ts") + ") FROM " + changes(table) + " p WHERE p."
                                                + pending + " AND " + keyMatch(table, "p", "cur"),
                                        "SELECT MIN(p." + q("__ts") + ") FROM " + changes(table) + " p WHERE p."
                                                + pending + " AND p." + q("__op") + " = 'T'")
                                + ", cur." + q("__op") + ", cur." + q("__seq") + " FROM " + current(table)
                                + " cur UNION ALL SELECT " + resolvedColumns(table, "n") + ", n." + q("__ts") + ", "
                                + earliest(
                                        "SELECT MIN(p." + q("__ts") + ") FROM " + changes(table) + " p WHERE p."
                                                + q("__seq") + " > n." + q("__seq") + " AND "
                                                + keyMatch(table, "p", "n"),
                                        "SELECT MIN(p." + q("__ts") + ") FROM " + changes(table) + " p WHERE p."
                                                + q("__seq") + " > n." + q("__seq") + " AND p." + q("__op") + " = 'T'")
                                + ", n." + q("__op") + ", n." + q("__seq") + " FROM " + changes(table) + " n WHERE n."
                                + pending + " AND n." + q("__op") + " IN ('I', 'U')"));
    }

    /**
     * The earlier of two timestamps, either of which may be NULL. Two subqueries rather than one
     * with OR, so that each can use an index.
     */
    private static String earliest(String first, String second) {
        String a = "(" + first + ")";
        String b = "(" + second + ")";
        return "CASE WHEN " + a + " IS NULL THEN " + b + " WHEN " + b + " IS NULL OR " + a + " <= " + b + " THEN " + a
                + " ELSE " + b + " END";
    }

    /**
     * A pending change's columns, with each value PostgreSQL did not send (unchanged TOAST) taken
     * from the key's latest earlier pending change that has it, else from the current row.
     */
    private String resolvedColumns(TableDescription table, String change) {
        return table.columns().stream()
                .map(column -> {
                    String c = q(column.name());
                    if (table.primaryKey().contains(column.name())) {
                        return change + "." + c;
                    }
                    String marked =
                            q("__unchanged") + " LIKE " + literal(unchangedPattern(column.name())) + " ESCAPE '!'";
                    String earlier = " FROM " + changes(table) + " e WHERE " + keyMatch(table, "e", change) + " AND e."
                            + q("__seq") + " < " + change + "." + q("__seq") + " AND e." + q("__seq")
                            + " > " + watermark(table) + " AND e." + q("__op")
                            + " IN ('I', 'U') AND (e." + q("__unchanged") + " IS NULL OR NOT e." + marked + ")";
                    return "CASE WHEN " + change + "." + marked + " THEN CASE WHEN EXISTS (SELECT 1" + earlier
                            + ") THEN (SELECT e." + c + earlier + " ORDER BY e." + q("__seq")
                            + " DESC FETCH FIRST 1 ROWS ONLY) ELSE (SELECT cur." + c + " FROM " + current(table)
                            + " cur WHERE " + keyMatch(table, "cur", change) + ") END ELSE " + change + "." + c
                            + " END AS "
                            + c;
                })
                .collect(Collectors.joining(", "));
    }

    /** Matches an {@code __unchanged} JSON array that names the column, with '!' as LIKE's escape. */
    static String unchangedPattern(String column) {
        try {
            String quoted = JSON.writeValueAsString(column);
            return "%" + quoted.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A name is always JSON", e);
        }
    }

    /** A condition true when a column holds the same value in two rows, each named by an alias or its table. */
    String sameValue(String left, String right, ColumnDescription column) {
        return dialect.sameValue(
                left + "." + q(column.name()), right + "." + q(column.name()), column, sourceConnector);
    }

    /** A condition true when two rows, each named by an alias or its table, have the same key. */
    String keyMatch(TableDescription table, String left, String right) {
        return table.primaryKey().stream()
                .map(column -> left + "." + q(column) + " = " + right + "." + q(column))
                .collect(Collectors.joining(" AND "));
    }

    String columnNames(List<String> names, String alias) {
        return names.stream().map(name -> alias + q(name)).collect(Collectors.joining(", "));
    }

    /** A string literal in standard SQL. */
    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private String view(String name, String query) {
        return "CREATE OR REPLACE VIEW " + dialect.qualify(storage, name) + " AS " + query;
    }

    /** The storage schema of the project whose landing schema this is. */
    static String storageSchema(String landingSchema) {
        String project = landingSchema.endsWith("_landing")
                ? landingSchema.substring(0, landingSchema.length() - "_landing".length())
                : landingSchema;
        return project + "_storage";
    }

    /**
     * An index name unique in its schema. Names of long tables keep the form they have had, a
     * start of the name and its hash code, where the target takes it (so existing indexes are
     * found), else they are made to fit as every derived name is.
     */
    private String indexName(TableDescription table, String purpose) {
        String name = table.name() + "__" + purpose;
        String shortened = name.length() <= 40
                ? name
                : name.substring(0, 24) + "_" + Integer.toHexString(table.name().hashCode()) + "_" + purpose;
        return TargetNames.fits(dialect, shortened) ? shortened : named(table, "__" + purpose);
    }

    /** A name derived from the table's, fit for the target (see {@link TargetNames}). */
    String named(TableDescription table, String suffix) {
        return TargetNames.derived(dialect, table.name(), suffix);
    }

    /** The applied {@code __seq} of a table, as an SQL expression; 0 before the first apply. */
    private String watermark(TableDescription table) {
        return "COALESCE((SELECT " + q("applied_seq") + " FROM " + dialect.qualify(internal, APPLY_TABLE) + " WHERE "
                + q("table_name") + " = " + literal(table.name()) + "), 0)";
    }

    /** A query of how many landed changes of a table wait to be applied, and the oldest one's time. */
    String pendingQuery(TableDescription table) {
        return "SELECT COUNT(*), MIN(" + q("__ts") + ") FROM " + changes(table) + " WHERE " + q("__seq") + " > "
                + watermark(table);
    }

    String columnList(TableDescription table, String alias) {
        return table.columns().stream().map(column -> alias + q(column.name())).collect(Collectors.joining(", "));
    }

    String current(TableDescription table) {
        return dialect.qualify(internal, named(table, CURRENT_SUFFIX));
    }

    String prior(TableDescription table) {
        return dialect.qualify(internal, named(table, PRIOR_SUFFIX));
    }

    String batch(TableDescription table) {
        return dialect.qualify(internal, named(table, BATCH_SUFFIX));
    }

    String changes(TableDescription table) {
        return dialect.qualify(landing, named(table, LandingTables.CHANGES_SUFFIX));
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
