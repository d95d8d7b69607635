package io.millrace.connector.h2.internal;

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
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Reads an H2 database's tables through JDBC metadata. */
final class H2Catalog implements Catalog {
    private final H2ConnectorProvider connector;

    H2Catalog(H2ConnectorProvider connector) {
        this.connector = connector;
    }

    @Override
    public List<TableDescription> tables(ConnectionSettings settings) {
        try (Connection connection = connector.open(settings)) {
            DatabaseMetaData metadata = connection.getMetaData();
            TreeMap<String, String[]> names = new TreeMap<>();
            try (ResultSet tables = metadata.getTables(null, null, "%", new String[] {"BASE TABLE", "TABLE"})) {
                while (tables.next()) {
                    String schema = tables.getString("TABLE_SCHEM");
                    if (!schema.equals("INFORMATION_SCHEMA")) {
                        String table = tables.getString("TABLE_NAME");
                        names.put(schema + "\u0000" + table, new String[] {schema, table});
                    }
                }
            }
            List<TableDescription> described = new ArrayList<>();
            for (String[] name : names.values()) {
                described.add(describe(metadata, name[0], name[1]));
            }
            return described;
        } catch (SQLException e) {
            throw new CatalogException("Cannot read the tables of the H2 database: " + e.getMessage(), e);
        }
    }

    private static TableDescription describe(DatabaseMetaData metadata, String schema, String table)
            throws SQLException {
        List<ColumnDescription> columns = new ArrayList<>();
        try (ResultSet rows = metadata.getColumns(null, escape(schema), escape(table), "%")) {
            while (rows.next()) {
                columns.add(new ColumnDescription(
                        rows.getString("COLUMN_NAME"),
                        rows.getString("TYPE_NAME"),
                        portable(rows.getInt("DATA_TYPE"), rows.getInt("COLUMN_SIZE"), rows.getInt("DECIMAL_DIGITS")),
                        rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }
        TreeMap<Short, String> key = new TreeMap<>();
        try (ResultSet rows = metadata.getPrimaryKeys(null, schema, table)) {
            while (rows.next()) {
                key.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME"));
            }
        }
        return new TableDescription(schema, table, false, columns, List.copyOf(key.values()), OptionalLong.empty());
    }

    /** Metadata calls take patterns: a table named a_b must not match aXb. */
    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
    }

    static PortableType portable(int jdbcType, int size, int digits) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> PortableType.of(Kind.BOOLEAN);
            case Types.TINYINT, Types.SMALLINT -> PortableType.of(Kind.SMALLINT);
            case Types.INTEGER -> PortableType.of(Kind.INTEGER);
            case Types.BIGINT -> PortableType.of(Kind.BIGINT);
            case Types.NUMERIC, Types.DECIMAL -> PortableType.decimal(size, digits);
            case Types.REAL -> PortableType.of(Kind.REAL);
            case Types.FLOAT, Types.DOUBLE -> PortableType.of(Kind.DOUBLE);
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> PortableType.string(size);
            case Types.BINARY, Types.VARBINARY, Types.BLOB, Types.LONGVARBINARY -> PortableType.of(Kind.BINARY);
            case Types.DATE -> PortableType.of(Kind.DATE);
            case Types.TIME -> withPrecision(Kind.TIME, digits);
            case Types.TIME_WITH_TIMEZONE -> withPrecision(Kind.TIME_TZ, digits);
            case Types.TIMESTAMP -> withPrecision(Kind.TIMESTAMP, digits);
            case Types.TIMESTAMP_WITH_TIMEZONE -> withPrecision(Kind.TIMESTAMP_TZ, digits);
            case Types.ARRAY -> PortableType.of(Kind.ARRAY);
            default -> PortableType.of(Kind.STRING);
        };
    }

    private static PortableType withPrecision(Kind kind, int digits) {
        return new PortableType(kind, OptionalInt.empty(), OptionalInt.of(digits), OptionalInt.empty());
    }
}
