package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TargetDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Writes into PostgreSQL with COPY, the fastest way in. Columns from a PostgreSQL source keep their
 * built-in type, so that arrays, network addresses, ranges or money land as themselves; all other
 * columns get the type of their portable kind.
 */
final class PostgresTargetDialect implements TargetDialect {
    /**
     * A type as {@code format_type} names it: a lowercase name, a modifier, a time zone and array
     * brackets, such as {@code timestamp(3) with time zone[]}. Quoted or schema-qualified names, which
     * are user types, do not match.
     */
    private static final Pattern FORMATTED_TYPE = Pattern.compile(
            "([a-z][a-z0-9 ]*?)(\\(\\d+(?:,-?\\d+)?\\))?( with time zone| without time zone)?(?:\\[\\])*");

    /**
     * The built-in data types every PostgreSQL target has (multiranges since 14), as {@code
     * format_type} names them. Object identifiers (oid, regclass, ...) are left out: they mean
     * something only in the source database, and some are checked against the target's catalog.
     */
    private static final Set<String> WITHOUT_EQUALITY =
            Set.of("json", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle");

    private static final Set<String> BUILT_IN_TYPES = Set.of(
            "smallint",
            "integer",
            "bigint",
            "numeric",
            "real",
            "double precision",
            "money",
            "boolean",
            "character varying",
            "character",
            "bpchar",
            "text",
            "name",
            "bytea",
            "bit",
            "bit varying",
            "date",
            "time",
            "timestamp",
            "interval",
            "interval year",
            "interval month",
            "interval day",
            "interval hour",
            "interval minute",
            "interval second",
            "interval year to month",
            "interval day to hour",
            "interval day to minute",
            "interval day to second",
            "interval hour to minute",
            "interval hour to second",
            "interval minute to second",
            "uuid",
            "json",
            "jsonb",
            "jsonpath",
            "xml",
            "inet",
            "cidr",
            "macaddr",
            "macaddr8",
            "tsvector",
            "tsquery",
            "point",
            "line",
            "lseg",
            "box",
            "path",
            "polygon",
            "circle",
            "int4range",
            "int8range",
            "numrange",
            "daterange",
            "tsrange",
            "tstzrange",
            "int4multirange",
            "int8multirange",
            "nummultirange",
            "datemultirange",
            "tsmultirange",
            "tstzmultirange",
            "pg_lsn",
            "pg_snapshot",
            "txid_snapshot");

    private static final int MAX_NUMERIC_PRECISION = 1000;
    private static final int MAX_VARCHAR_LENGTH = 10_485_760;
    private static final int MAX_FRACTION_DIGITS = 6;

    /** Connections whose session reads and writes values in canonical text form. */
    /** NAMEDATALEN - 1: PostgreSQL would silently cut a longer name to its first 63 bytes. */
    @Override
    public int maxIdentifierLength() {
        return 63;
    }

    /** In bytes of UTF-8, the encoding of Millrace's targets, as PostgreSQL counts them. */
    @Override
    public int identifierLength(String identifier) {
        return identifier.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public Connection open(ConnectionSettings settings) throws SQLException {
        return PostgresConnection.openForData(settings, new Properties());
    }

    /**
     * A source type is copied into the DDL only when it parses as a built-in type in full, since it
     * is text that the source controls.
     */
    @Override
    public String columnType(ColumnDescription column, String sourceConnector) {
        if (sourceConnector.equals("postgres") && isBuiltIn(column.sourceType())) {
            return column.sourceType();
        }
        return portableType(column.type());
    }

    /** Types without an equality operator are compared in their text form. */
    @Override
    public String sameValue(String left, String right, ColumnDescription column, String sourceConnector) {
        String type = columnType(column, sourceConnector).replace("[]", "");
        return WITHOUT_EQUALITY.contains(type)
                ? left + "::text IS NOT DISTINCT FROM " + right + "::text"
                : left + " IS NOT DISTINCT FROM " + right;
    }

    /** Whether a type name, as {@code format_type} gives it, is a built-in type or an array of one. */
    static boolean isBuiltIn(String sourceType) {
        Matcher parts = FORMATTED_TYPE.matcher(sourceType);
        if (!parts.matches() || !BUILT_IN_TYPES.contains(parts.group(1))) {
            return false;
        }
        return parts.group(3) == null
                || parts.group(1).equals("time")
                || parts.group(1).equals("timestamp");
    }

    private static String portableType(PortableType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DECIMAL ->
                isBetweenOneAnd(type.precision(), MAX_NUMERIC_PRECISION)
                        ? "numeric(" + type.precision().getAsInt() + ","
                                + type.scale().orElse(0) + ")"
                        : "numeric";
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case STRING ->
                isBetweenOneAnd(type.length(), MAX_VARCHAR_LENGTH)
                        ? "varchar(" + type.length().getAsInt() + ")"
                        : "text";
            case BINARY -> "bytea";
            case DATE -> "date";
            case TIME -> "time" + fractionDigits(type);
            case TIME_TZ -> "time" + fractionDigits(type) + " with time zone";
            case TIMESTAMP -> "timestamp" + fractionDigits(type);
            case TIMESTAMP_TZ -> "timestamptz" + fractionDigits(type);
            case INTERVAL -> "interval";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            // Kept as the text it came as: arrays of user types, or another database's arrays, have
            // no array type here whose input is sure to take it.
            case ARRAY -> "text";
        };
    }

    /** Whether a length or precision fits PostgreSQL's limit; beyond it, the type is unlimited. */
    private static boolean isBetweenOneAnd(OptionalInt value, int limit) {
        return value.isPresent() && value.getAsInt() >= 1 && value.getAsInt() <= limit;
    }

    /** Sources with finer times (H2 has nanoseconds) are rounded to PostgreSQL's microseconds. */
    private static String fractionDigits(PortableType type) {
        return type.precision().isPresent()
                ? "(" + Math.min(type.precision().getAsInt(), MAX_FRACTION_DIGITS) + ")"
                : "";
    }

    @Override
    public RowWriter rowWriter(Connection connection, String schema, String table, List<ColumnDescription> columns)
            throws SQLException {
        String copy = "COPY " + qualify(schema, table) + " ("
                + columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "))
                + ") FROM STDIN";
        return new CopyRowWriter(
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy), columns.size());
    }
}
