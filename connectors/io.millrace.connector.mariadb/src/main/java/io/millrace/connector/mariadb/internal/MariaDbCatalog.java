package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the base tables, columns and primary keys of the configured databases from information_schema. */
final class MariaDbCatalog implements Catalog {

    @Override
    public List<TableDescription> tables(ConnectionSettings settings) {
        try (Connection connection = MariaDbConnection.open(settings)) {
            return read(connection, MariaDbConnection.databases(settings), Optional.empty()).stream()
                    .map(SourceTable::describe)
                    .toList();
        } catch (SQLException e) {
            throw new CatalogException(
                    "Cannot read the tables of MariaDB: " + e.getMessage() + ". " + ConnectFailures.fix(e), e);
        }
    }

    /**
     * The base tables of these databases, ordered by database and name, or only the table named
     * {@code only}; a view is not a table here.
     */
    static List<SourceTable> read(Connection connection, List<String> databases, Optional<String> only)
            throws SQLException {
        String in = String.join(", ", Collections.nCopies(databases.size(), "?"));
        String table = only.isPresent() ? " AND t.TABLE_NAME = ?" : "";
        Map<List<String>, Long> rows = new LinkedHashMap<>();
        Map<List<String>, List<SourceColumn>> columns = new LinkedHashMap<>();
        Map<List<String>, List<String>> keys = new LinkedHashMap<>();
        Set<List<String>> jsonColumns = jsonChecks(connection, databases);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_ROWS, c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE,"
                        + " c.CHARACTER_SET_NAME, c.IS_NULLABLE = 'YES', c.COLUMN_KEY = 'PRI'"
                        + " FROM information_schema.TABLES t JOIN information_schema.COLUMNS c"
                        + " ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME"
                        + " WHERE t.TABLE_TYPE = 'BASE TABLE' AND t.TABLE_SCHEMA IN (" + in + ")" + table
                        + " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME, c.ORDINAL_POSITION")) {
            int parameter = 1;
            for (String database : databases) {
                query.setString(parameter++, database);
            }
            if (only.isPresent()) {
                query.setString(parameter, only.get());
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    List<String> name = List.of(row.getString(1), row.getString(2));
                    rows.put(name, row.getLong(3));
                    String column = row.getString(4);
                    String dataType = row.getString(5).toLowerCase(java.util.Locale.ROOT);
                    columns.computeIfAbsent(name, key -> new ArrayList<>())
                            .add(new SourceColumn(
                                    column,
                                    dataType,
                                    row.getString(6),
                                    Optional.ofNullable(row.getString(7)),
                                    dataType.equals("json")
                                            || jsonColumns.contains(List.of(name.get(0), name.get(1), column)),
                                    row.getBoolean(8)));
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                        + " WHERE CONSTRAINT_NAME = 'PRIMARY' AND TABLE_SCHEMA IN (" + in + ")"
                        + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION")) {
            for (int i = 0; i < databases.size(); i++) {
                query.setString(i + 1, databases.get(i));
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    keys.computeIfAbsent(List.of(row.getString(1), row.getString(2)), key -> new ArrayList<>())
                            .add(row.getString(3));
                }
            }
        }
        return columns.entrySet().stream()
                .map(entry -> new SourceTable(
                        entry.getKey().get(0),
                        entry.getKey().get(1),
                        entry.getValue(),
                        keys.getOrDefault(entry.getKey(), List.of()),
                        rows.get(entry.getKey())))
                .toList();
    }

    /**
     * MariaDB's JSON is LONGTEXT with a {@code json_valid} check named after the column: the
     * columns, as {schema, table, column}, that have one. MySQL has a real json type instead.
     */
    private static Set<List<String>> jsonChecks(Connection connection, List<String> databases) throws SQLException {
        Set<List<String>> found = new HashSet<>();
        if (!connection.getMetaData().getDatabaseProductVersion().contains("MariaDB")) {
            return found;
        }
        String in = String.join(", ", Collections.nCopies(databases.size(), "?"));
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                        + " WHERE CONSTRAINT_SCHEMA IN (" + in + ") AND CHECK_CLAUSE LIKE 'json_valid(%)'")) {
            for (int i = 0; i < databases.size(); i++) {
                query.setString(i + 1, databases.get(i));
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String clause = row.getString(3);
                    String column = clause.substring("json_valid(".length(), clause.length() - 1);
                    if (column.startsWith("`") && column.endsWith("`")) {
                        found.add(List.of(
                                row.getString(1),
                                row.getString(2),
                                column.substring(1, column.length() - 1).replace("``", "`")));
                    }
                }
            }
        }
        return found;
    }
}
