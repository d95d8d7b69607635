package io.millrace.connector.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * How Millrace writes into one kind of target database over JDBC: how it quotes names, which
 * column type holds each portable type, and how rows are loaded fast. The server generates all
 * its SQL through the dialect; the defaults are standard SQL, which suits most databases.
 */
@ConsumerType
public interface TargetDialect {

    /**
     * Opens a connection in auto-commit mode.
     *
     * @throws SQLException when the target cannot be reached, with the driver's reason
     */
    Connection open(ConnectionSettings settings) throws SQLException;

    /** An identifier quoted so that any name, however odd, means exactly itself. */
    default String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An identifier cannot contain the NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The longest name of a schema, table, view or index the target takes, as {@link
     * #identifierLength} counts it. The server shortens longer names it derives from a table's name
     * (with a hash, so that they stay distinct) and refuses tables and projects whose own names do
     * not fit, rather than let the target cut them short. 128 characters, the SQL standard's, by
     * default.
     */
    default int maxIdentifierLength() {
        return 128;
    }

    /** The length of a name as the target counts it against {@link #maxIdentifierLength}: characters by default. */
    default int identifierLength(String identifier) {
        return identifier.codePointCount(0, identifier.length());
    }

    /** {@code schema.table}, quoted. */
    default String qualify(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /**
     * The column type to create for a column, such as {@code NUMERIC(12,2)}.
     *
     * @param sourceConnector the id of the connector the column comes from: a dialect may keep a
     *     source type unchanged when source and target are the same kind of database
     */
    String columnType(ColumnDescription column, String sourceConnector);

    /** Statements creating a schema unless it exists. */
    default List<String> createSchema(String schema) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }

    /** Statements creating a table with these columns unless it exists. */
    default List<String> createTable(
            String schema, String table, List<ColumnDescription> columns, String sourceConnector) {
        return List.of("CREATE TABLE IF NOT EXISTS " + qualify(schema, table) + " ("
                + columns.stream()
                        .map(column -> quote(column.name()) + " " + columnType(column, sourceConnector)
                                + (column.nullable() ? "" : " NOT NULL"))
                        .collect(Collectors.joining(", "))
                + ")");
    }

    /** Statements adding a nullable column to a table unless it has it, for a column new in the source. */
    default List<String> addColumn(String schema, String table, ColumnDescription column, String sourceConnector) {
        return List.of("ALTER TABLE " + qualify(schema, table) + " ADD COLUMN IF NOT EXISTS " + quote(column.name())
                + " " + columnType(column, sourceConnector));
    }

    /**
     * A column as a lookup index, not a unique one, lists it when it is the index's only column: a
     * dialect whose indexes cannot hold long values whole may index a prefix of them, which still
     * narrows the lookups. An index of several columns lists them by {@link #indexedColumns}.
     */
    default String indexedColumn(ColumnDescription column, String sourceConnector) {
        return quote(column.name());
    }

    /**
     * The columns of a lookup index, not a unique one, as the index lists them, separated by commas:
     * each as {@link #indexedColumn} lists it by default. A dialect whose indexes hold a limited
     * number of bytes may shorten the prefixes of long columns so that the whole index fits.
     */
    default String indexedColumns(List<ColumnDescription> columns, String sourceConnector) {
        return columns.stream()
                .map(column -> indexedColumn(column, sourceConnector))
                .collect(Collectors.joining(", "));
    }

    /**
     * A condition true when two expressions of a column's type hold the same value, NULL included,
     * for comparing a table with a fresh load of it.
     */
    default String sameValue(String left, String right, ColumnDescription column, String sourceConnector) {
        return left + " IS NOT DISTINCT FROM " + right;
    }

    /**
     * A literal of a moment, comparable with the columns of the type {@link #columnType} gives a
     * timestamp with time zone, for asking the history what was valid then.
     */
    default String timestampWithTimeZone(Instant moment) {
        return "TIMESTAMP WITH TIME ZONE '"
                + DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'")
                        .withZone(ZoneOffset.UTC)
                        .format(moment)
                + "'";
    }

    /** Statements giving a column a new, wider type, for a column widened in the source. */
    default List<String> alterColumnType(
            String schema, String table, ColumnDescription column, String sourceConnector) {
        return List.of("ALTER TABLE " + qualify(schema, table) + " ALTER COLUMN " + quote(column.name())
                + " SET DATA TYPE " + columnType(column, sourceConnector));
    }

    /**
     * A writer appending rows to a table in {@code connection}'s current transaction.
     *
     * @param columns the columns each row holds, in the order of its values
     */
    RowWriter rowWriter(Connection connection, String schema, String table, List<ColumnDescription> columns)
            throws SQLException;
}
