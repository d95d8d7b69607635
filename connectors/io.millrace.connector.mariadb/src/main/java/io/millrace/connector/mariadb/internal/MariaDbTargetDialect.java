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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** InnoDB's longest index key, with the DYNAMIC rows MariaDB makes by default. */
    private static final int MAX_INDEX_BYTES = 3072;
    /** The most an indexed column of another type takes: DECIMAL(65,30), DATETIME(6), CHAR(36) ... */
    private static final int FIXED_COLUMN_BYTES = 160;

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

    /** The column alone in an index, as {@link #indexedColumns} lists it. */
    @Override
    public String indexedColumn(ColumnDescription column, String sourceConnector) {
        return indexedColumns(List.of(column), sourceConnector);
    }

    /**
     * InnoDB indexes at most {@value #MAX_INDEX_BYTES} bytes: text and binary columns are listed by
     * a prefix where the whole columns would not fit (LONGTEXT, LONGBLOB and JSON always), the
     * shorter ones whole and the longer ones sharing what is left. Lookups compare whole values, so
     * a prefix only narrows them.
     */
    @Override
    public String indexedColumns(List<ColumnDescription> columns, String sourceConnector) {
        Map<String, IndexedSize> sizes = new HashMap<>();
        long budget = MAX_INDEX_BYTES;
        for (ColumnDescription column : columns) {
            IndexedSize size = IndexedSize.of(columnType(column, sourceConnector));
            sizes.put(column.name(), size);
            budget -= size.bytesPerUnit() == 0 ? size.units() : 0;
        }
        List<ColumnDescription> prefixable = columns.stream()
                .filter(column -> sizes.get(column.name()).bytesPerUnit() > 0)
                .sorted(Comparator.comparingLong(
                        column -> sizes.get(column.name()).units()))
                .toList();
        long weightLeft = prefixable.stream()
                .mapToLong(column -> sizes.get(column.name()).bytesPerUnit())
                .sum();
        Map<String, Long> prefixes = new HashMap<>();
        for (ColumnDescription column : prefixable) {
            IndexedSize size = sizes.get(column.name());
            long allowance = budget / weightLeft;
            if (allowance < 1) {
                throw new IllegalArgumentException("The columns "
                        + columns.stream().map(ColumnDescription::name).toList()
                        + " do not fit in a MariaDB index of " + MAX_INDEX_BYTES + " bytes");
            }
            long units = Math.min(size.units(), allowance);
            if (units < size.units() || size.units() == Long.MAX_VALUE) {
                prefixes.put(column.name(), units);
            }
            budget -= units * size.bytesPerUnit();
            weightLeft -= size.bytesPerUnit();
        }
        return columns.stream()
                .map(column -> quote(column.name())
                        + (prefixes.containsKey(column.name()) ? "(" + prefixes.get(column.name()) + ")" : ""))
                .collect(Collectors.joining(", "));
    }

    /**
     * What a column of a MariaDB type takes in an index: text (4 bytes a utf8mb4 character) and
     * binary (1) in units that a prefix can cut, unlimited for the LONG types and JSON; every other
     * type a fixed number of bytes ({@code bytesPerUnit} 0).
     */
    private record IndexedSize(long bytesPerUnit, long units) {
        private static final Pattern SIZED = Pattern.compile("(VARCHAR|VARBINARY)\\((\\d+)\\)");

        static IndexedSize of(String type) {
            Matcher sized = SIZED.matcher(type);
            if (sized.matches()) {
                return new IndexedSize(sized.group(1).equals("VARCHAR") ? 4 : 1, Long.parseLong(sized.group(2)));
            }
            if (type.equals("LONGTEXT") || type.equals("JSON")) {
                return new IndexedSize(4, Long.MAX_VALUE);
            }
            if (type.equals("LONGBLOB")) {
                return new IndexedSize(1, Long.MAX_VALUE);
            }
            long bytes = type.startsWith("DECIMAL")
                    ? 30
                    : type.equals("CHAR(36)")
                            ? 144
                            : type.startsWith("DATETIME") || type.equals("BIGINT") || type.equals("DOUBLE")
                                    ? 8
                                    : type.startsWith("TIME") ? 6 : type.equals("DATE") ? 3 : 4;
            return new IndexedSize(0, bytes);
        }
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
