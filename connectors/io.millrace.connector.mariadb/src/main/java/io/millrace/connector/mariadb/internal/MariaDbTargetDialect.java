package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Writes into MariaDB (10.6 and later) or MySQL-compatible servers, where a schema is a database.
 * Every column maps by its portable type to a MariaDB type that holds its values, with these
 * choices: strings up to {@value #MAX_INDEXED_VARCHAR} characters are VARCHAR, the longest an
 * InnoDB index takes in utf8mb4, longer or unlimited ones LONGTEXT; decimals beyond DECIMAL(65,30)
 * or without precision are DECIMAL(65,30); timestamps with time zone are DATETIME in UTC; times with
 * time zone and intervals keep their canonical text; UUIDs are CHAR(36); arrays are LONGTEXT.
 * Databases it creates compare text exactly ({@code utf8mb4_nopad_bin}), as keys must.
 */
final class MariaDbTargetDialect implements TargetDialect {
    /** 3072 bytes, InnoDB's longest index key, in 4-byte characters. */
    static final int MAX_INDEXED_VARCHAR = 768;

    private static final int INDEXED_PREFIX = 191;
    private static final int MAX_DECIMAL_PRECISION = 65;
    private static final int MAX_DECIMAL_SCALE = 30;
    private static final int MAX_VARBINARY_LENGTH = 3072;
    private static final int MAX_FRACTION_DIGITS = 6;
    private static final DateTimeFormatter MICROSECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    /**
     * Connections in UTC both in the session and in the driver, so that a timestamp with time zone is
     * stored and read as the same instant whatever the JVM's zone; and that name databases schemas in
     * their metadata, as the engine looks tables up by schema. Transactions read committed, as on
     * PostgreSQL: under MariaDB's default, repeatable read, a transaction begun by a read that found
     * nothing to do would keep showing the target as it was then.
     */
    @Override
    public Connection open(ConnectionSettings settings) throws SQLException {
        Properties driverOptions = new Properties();
        driverOptions.setProperty("connectionTimeZone", "UTC");
        driverOptions.setProperty("forceConnectionTimeZoneToSession", "true");
        driverOptions.setProperty("preserveInstants", "true");
        driverOptions.setProperty("useCatalogTerm", "Schema");
        Connection connection = MariaDbConnection.open(settings, driverOptions);
        try {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** MariaDB's names of databases, tables, views and indexes hold 64 characters. */
    @Override
    public int maxIdentifierLength() {
        return 64;
    }

    @Override
    public String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An identifier cannot contain the NUL character");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** A database with binary, no-pad collation: 'a' and 'A ' are different keys, as in the source. */
    @Override
    public List<String> createSchema(String schema) {
        return List.of(
                "CREATE DATABASE IF NOT EXISTS " + quote(schema) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
    }

    @Override
    public String columnType(ColumnDescription column, String sourceConnector) {
        PortableType type = column.type();
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INT";
            case BIGINT -> "BIGINT";
            case DECIMAL -> decimalType(type);
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case STRING ->
                isBetweenOneAnd(type.length(), MAX_INDEXED_VARCHAR)
                        ? "VARCHAR(" + type.length().getAsInt() + ")"
                        : "LONGTEXT";
            case BINARY ->
                isBetweenOneAnd(type.length(), MAX_VARBINARY_LENGTH)
                        ? "VARBINARY(" + type.length().getAsInt() + ")"
                        : "LONGBLOB";
            case DATE -> "DATE";
            case TIME -> "TIME(" + fractionDigits(type) + ")";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(" + fractionDigits(type) + ")";
            // MariaDB has no time with time zone nor interval type: their canonical text is kept.
            case TIME_TZ, INTERVAL -> "VARCHAR(64)";
            case UUID -> "CHAR(36)";
            case JSON -> "JSON";
            case ARRAY -> "LONGTEXT";
        };
    }

    private static String decimalType(PortableType type) {
        int scale = type.scale().orElse(0);
        if (isBetweenOneAnd(type.precision(), MAX_DECIMAL_PRECISION) && scale >= 0 && scale <= MAX_DECIMAL_SCALE) {
            return "DECIMAL(" + type.precision().getAsInt() + "," + scale + ")";
        }
        return "DECIMAL(" + MAX_DECIMAL_PRECISION + "," + MAX_DECIMAL_SCALE + ")";
    }

    private static boolean isBetweenOneAnd(OptionalInt value, int limit) {
        return value.isPresent() && value.getAsInt() >= 1 && value.getAsInt() <= limit;
    }

    /** Sources with finer times are cut to MariaDB's microseconds; without a precision, microseconds. */
    static int fractionDigits(PortableType type) {
        return Math.max(0, Math.min(type.precision().orElse(MAX_FRACTION_DIGITS), MAX_FRACTION_DIGITS));
    }

    /**
     * LONGTEXT, LONGBLOB and JSON columns are indexed by their first {@value #INDEXED_PREFIX}
     * characters (or bytes): InnoDB indexes nothing longer than 3072 bytes, and four such key
     * columns with the sequence still fit.
     */
    @Override
    public String indexedColumn(ColumnDescription column, String sourceConnector) {
        String type = columnType(column, sourceConnector);
        return type.startsWith("LONG") || type.equals("JSON")
                ? quote(column.name()) + "(" + INDEXED_PREFIX + ")"
                : quote(column.name());
    }

    /** MariaDB's NULL-safe equality. */
    @Override
    public String sameValue(String left, String right, ColumnDescription column, String sourceConnector) {
        return left + " <=> " + right;
    }

    /** Timestamps with time zone are held in UTC without one. */
    @Override
    public String timestampWithTimeZone(Instant moment) {
        return "TIMESTAMP '" + MICROSECONDS.format(moment) + "'";
    }

    /** MODIFY restates the whole column, NOT NULL included. */
    @Override
    public List<String> alterColumnType(String schema, String table, ColumnDescription column, String sourceConnector) {
        return List.of("ALTER TABLE " + qualify(schema, table) + " MODIFY COLUMN " + quote(column.name()) + " "
                + columnType(column, sourceConnector) + (column.nullable() ? "" : " NOT NULL"));
    }

    @Override
    public RowWriter rowWriter(Connection connection, String schema, String table, List<ColumnDescription> columns)
            throws SQLException {
        String insert = "INSERT INTO " + qualify(schema, table) + " ("
                + columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "))
                + ") VALUES (" + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
        return new MariaDbRowWriter(connection.prepareStatement(insert), columns);
    }
}
