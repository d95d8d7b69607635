package io.millrace.engine.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Target tables and columns looked up by their exact names. JDBC's metadata takes names as LIKE
 * patterns, where {@code _} and {@code %} match other names and a backslash escapes: names are
 * escaped, and only rows of the very table count.
 */
final class TargetMetadata {
    private TargetMetadata() {}

    /** Whether a table or view exists. */
    static boolean exists(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        try (ResultSet found = metadata.getTables(null, pattern(metadata, schema), pattern(metadata, table), null)) {
            while (found.next()) {
                if (schema.equals(found.getString("TABLE_SCHEM")) && table.equals(found.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The names of a table's columns, in their order; none when it does not exist. */
    static List<String> columnNames(Connection connection, String schema, String table) throws SQLException {
        return List.copyOf(columnTypes(connection, schema, table).keySet());
    }

    /** Each column's type as the target describes it, name, size and digits, in column order. */
    static Map<String, String> columnTypes(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet found = metadata.getColumns(null, pattern(metadata, schema), pattern(metadata, table), null)) {
            while (found.next()) {
                if (schema.equals(found.getString("TABLE_SCHEM")) && table.equals(found.getString("TABLE_NAME"))) {
                    types.put(
                            found.getString("COLUMN_NAME"),
                            found.getString("TYPE_NAME") + "(" + found.getInt("COLUMN_SIZE") + ","
                                    + found.getInt("DECIMAL_DIGITS") + ")");
                }
            }
        }
        return types;
    }

    private static String pattern(DatabaseMetaData metadata, String name) throws SQLException {
        String escape = metadata.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
