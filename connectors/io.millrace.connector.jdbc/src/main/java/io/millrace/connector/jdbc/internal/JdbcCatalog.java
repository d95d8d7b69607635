package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a database's tables through {@link DatabaseMetaData}, which every driver implements: tables,
 * their columns with the closest portable type of their {@link Types} code, and primary keys.
 */
final class JdbcCatalog implements Catalog {
    /** Schemas of the database itself, for the databases one meets most. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of(
            "information_schema",
            "pg_catalog",
            "pg_toast",
            "sys",
            "mysql",
            "performance_schema",
            "sysibm",
            "syscat",
            "sysstat",
            "sysfun",
            "sysproc",
            "system",
            "ctxsys",
            "mdsys",
            "xdb",
            "outln",
            "wmsys");
    /** Table types that hold rows; views and system tables are left out. */
    private static final String[] TABLE_TYPES = {"TABLE", "BASE TABLE", "PARTITIONED TABLE"};
    /**
     * Beyond this many digits a decimal is taken as unlimited: drivers report such sizes for a
     * NUMERIC without precision.
     */
    private static final int MAX_DECIMAL_PRECISION = 1000;

    private final JdbcConnections connections;

    JdbcCatalog(JdbcConnections connections) {
        this.connections = connections;
    }

    @Override
    public List<TableDescription> tables(ConnectionSettings settings) {
        try (Connection connection = connections.open(settings)) {
            return tables(
                    connection,
                    settings.get(JdbcConnections.SCHEMA)
                            .filter(pattern -> !pattern.isBlank())
                            .orElse(null));
        } catch (IllegalArgumentException e) {
            throw new CatalogException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new CatalogException(ConnectFailures.explain("Cannot read the tables", e), e);
        }
    }

    /** A table's namespace as the driver names it: a schema, or a catalog where the database has no schemas (MySQL). */
    private record Name(String catalog, String schema, String table) {
        String namespace() {
            return schema != null ? schema : catalog;
        }
    }

    private static List<TableDescription> tables(Connection connection, String schemaPattern) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        TreeMap<List<String>, Name> names = new TreeMap<>((a, b) -> {
            int bySchema = a.get(0).compareTo(b.get(0));
            return bySchema != 0 ? bySchema : a.get(1).compareTo(b.get(1));
        });
        try (ResultSet tables = metadata.getTables(null, schemaPattern, "%", TABLE_TYPES)) {
            while (tables.next()) {
                Name name = new Name(
                        tables.getString("TABLE_CAT"), tables.getString("TABLE_SCHEM"), tables.getString("TABLE_NAME"));
                if (name.namespace() != null
                        && !SYSTEM_SCHEMAS.contains(name.namespace().toLowerCase(Locale.ROOT))) {
                    names.put(List.of(name.namespace(), name.table()), name);
                }
            }
        }
        List<TableDescription> described = new ArrayList<>();
        for (Name name : names.values()) {
            described.add(describe(metadata, name));
        }
        return described;
    }

    private static TableDescription describe(DatabaseMetaData metadata, Name name) throws SQLException {
        String escape = metadata.getSearchStringEscape();
        List<ColumnDescription> columns = new ArrayList<>();
        try (ResultSet rows =
                metadata.getColumns(name.catalog(), escape(name.schema(), escape), escape(name.table(), escape), "%")) {
            while (rows.next()) {
                // Patterns may still match more where the driver has no escape: keep the table's own columns.
                if (!name.table().equals(rows.getString("TABLE_NAME"))) {
                    continue;
                }
                String typeName = rows.getString("TYPE_NAME");
                int size = rows.getInt("COLUMN_SIZE");
                int digits = rows.getInt("DECIMAL_DIGITS");
                columns.add(new ColumnDescription(
                        rows.getString("COLUMN_NAME"),
                        typeName == null ? "unknown" : typeName,
                        portable(rows.getInt("DATA_TYPE"), String.valueOf(typeName), size, digits),
                        rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        TreeMap<Short, String> key = new TreeMap<>();
        try (ResultSet rows = metadata.getPrimaryKeys(name.catalog(), name.schema(), name.table())) {
            while (rows.next()) {
                key.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        return new TableDescription(
                name.namespace(), name.table(), false, columns, List.copyOf(key.values()), OptionalLong.empty());
    }

    /** Metadata calls take patterns: a table named a_b must not match aXb. */
    private static String escape(String name, String escape) {
        if (name == null || escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    /** The portable type of a column, by its {@link Types} code and, for codes that say little, its name. */
    static PortableType portable(int jdbcType, String typeName, int size, int digits) {
        String name = typeName.toLowerCase(Locale.ROOT);
        switch (name) {
            case "uuid", "uniqueidentifier":
                return PortableType.of(Kind.UUID);
            case "json", "jsonb":
                return PortableType.of(Kind.JSON);
            default:
        }
        return switch (jdbcType) {
            case Types.BOOLEAN -> PortableType.of(Kind.BOOLEAN);
            // BIT(1) is a boolean in most drivers; longer BIT strings are text.
            case Types.BIT -> size > 1 ? PortableType.of(Kind.STRING) : PortableType.of(Kind.BOOLEAN);
            case Types.TINYINT, Types.SMALLINT -> PortableType.of(Kind.SMALLINT);
            case Types.INTEGER -> PortableType.of(Kind.INTEGER);
            case Types.BIGINT -> PortableType.of(Kind.BIGINT);
            case Types.NUMERIC, Types.DECIMAL ->
                size <= 0 || size > MAX_DECIMAL_PRECISION
                        ? PortableType.of(Kind.DECIMAL)
                        : PortableType.decimal(size, Math.max(0, digits));
            case Types.REAL -> PortableType.of(Kind.REAL);
            case Types.FLOAT, Types.DOUBLE ->
                name.contains("real") || name.equals("float4")
                        ? PortableType.of(Kind.REAL)
                        : PortableType.of(Kind.DOUBLE);
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR ->
                size <= 0 || size == Integer.MAX_VALUE ? PortableType.of(Kind.STRING) : PortableType.string(size);
            case Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB -> PortableType.of(Kind.STRING);
            case Types.BINARY, Types.VARBINARY ->
                size <= 0 || size == Integer.MAX_VALUE
                        ? PortableType.of(Kind.BINARY)
                        : new PortableType(Kind.BINARY, OptionalInt.of(size), OptionalInt.empty(), OptionalInt.empty());
            case Types.LONGVARBINARY, Types.BLOB -> PortableType.of(Kind.BINARY);
            case Types.DATE -> PortableType.of(Kind.DATE);
            case Types.TIME -> withPrecision(Kind.TIME, digits);
            case Types.TIME_WITH_TIMEZONE -> withPrecision(Kind.TIME_TZ, digits);
            case Types.TIMESTAMP ->
                name.contains("tz") || name.contains("time zone")
                        ? withPrecision(Kind.TIMESTAMP_TZ, digits)
                        : withPrecision(Kind.TIMESTAMP, digits);
            case Types.TIMESTAMP_WITH_TIMEZONE -> withPrecision(Kind.TIMESTAMP_TZ, digits);
            case Types.ARRAY -> PortableType.of(Kind.ARRAY);
            default -> PortableType.of(Kind.STRING);
        };
    }

    private static PortableType withPrecision(Kind kind, int digits) {
        return new PortableType(
                kind,
                OptionalInt.empty(),
                digits >= 0 && digits <= 9 ? OptionalInt.of(digits) : OptionalInt.empty(),
                OptionalInt.empty());
    }
}
