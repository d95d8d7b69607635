package io.millrace.example.connector.sqlite.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables of the database file, from SQLite's own schema table and {@code pragma_table_info}:
 * what a user picks from, and what tells the server which columns to create in the target.
 */
final class SqliteCatalog implements Catalog {
    /** SQLite's name for the database a connection opens; it is the schema of every table here. */
    static final String SCHEMA = "main";

    private static final Pattern LENGTH = Pattern.compile("\\(\\s*(\\d{1,9})\\s*\\)");

    @Override
    public List<TableDescription> tables(ConnectionSettings settings) {
        try (Connection connection = DatabaseFile.open(settings)) {
            return tables(connection);
        } catch (ConnectorException e) {
            throw new CatalogException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new CatalogException("Cannot read the tables: " + e.getMessage(), e);
        }
    }

    /** The tables in name order; views are left out, and so are SQLite's own tables ({@code sqlite_...}). */
    static List<TableDescription> tables(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'"
                        + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        List<TableDescription> tables = new ArrayList<>();
        for (String name : names) {
            tables.add(describe(connection, name));
        }
        return tables;
    }

    private static TableDescription describe(Connection connection, String table) throws SQLException {
        List<ColumnDescription> columns = new ArrayList<>();
        TreeMap<Integer, String> key = new TreeMap<>(); // by position in the key, from 1
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString("name");
                    String declared = rows.getString("type");
                    columns.add(new ColumnDescription(name, declared, portable(declared), !rows.getBoolean("notnull")));
                    if (rows.getInt("pk") > 0) {
                        key.put(rows.getInt("pk"), name);
                    }
                }
            }
        }
        return new TableDescription(SCHEMA, table, false, columns, List.copyOf(key.values()), OptionalLong.empty());
    }

    /**
     * The portable type of a declared column type. SQLite keeps any value in any column and takes
     * no more from the declared name than an affinity (https://sqlite.org/datatype3.html): names
     * that say more (BOOLEAN, DATE, SMALLINT, ...) are taken at their word; the rest follow SQLite's
     * affinity rules, in their order. A value that does not fit is refused when it is read.
     */
    static PortableType portable(String declared) {
        String type = declared.toUpperCase(Locale.ROOT);
        switch (type.replaceFirst("\\(.*", "").strip()) {
            case "BOOLEAN", "BOOL":
                return PortableType.of(Kind.BOOLEAN);
            case "TINYINT", "SMALLINT", "INT2":
                return PortableType.of(Kind.SMALLINT);
            case "INT", "MEDIUMINT", "INT4":
                return PortableType.of(Kind.INTEGER);
            case "NUMERIC", "DECIMAL":
                // No precision or scale: SQLite does not hold a column to them.
                return PortableType.of(Kind.DECIMAL);
            case "DATE":
                return PortableType.of(Kind.DATE);
            case "DATETIME", "TIMESTAMP":
                return PortableType.of(Kind.TIMESTAMP);
            default:
        }
        if (type.contains("INT")) {
            // INTEGER, BIGINT, ...: SQLite's integers have 64 bits, and INTEGER PRIMARY KEY is the rowid.
            return PortableType.of(Kind.BIGINT);
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            Matcher length = LENGTH.matcher(type);
            return length.find()
                    ? PortableType.string(Integer.parseInt(length.group(1)))
                    : PortableType.of(Kind.STRING);
        }
        if (type.contains("BLOB")) {
            return PortableType.of(Kind.BINARY);
        }
        if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
            return PortableType.of(Kind.DOUBLE); // SQLite's REAL has 8 bytes
        }
        // No declared type, or one that says nothing SQLite knows (JSON, MONEY, ...): values as text.
        return PortableType.of(Kind.STRING);
    }
}
