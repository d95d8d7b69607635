package io.millrace.connector.api;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The check a reader of increments makes after reading a table (see {@link
 * SnapshotReader#readFrom}): a column added to the table between its description and the read is
 * in the rows written since, and rows read with the described columns only would land without
 * those values while the table's mark moves past them.
 */
public final class AddedColumns {
    private AddedColumns() {}

    /**
     * Fails when the table has columns its description lacks. Called after the read and through the
     * reader's connection, it sees the columns the read saw (a reading transaction holds the table
     * against ALTER TABLE where the database locks, as PostgreSQL and MariaDB do).
     *
     * @param quotedTable the table's qualified name, quoted as the database's SQL needs it
     * @throws ConnectorException a transient one when columns were added, naming them: the engine
     *     takes them on from the catalog and reads again
     */
    public static void requireNone(Connection connection, String quotedTable, TableDescription table) {
        Set<String> described =
                table.columns().stream().map(ColumnDescription::name).collect(Collectors.toSet());
        List<String> added = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet none = statement.executeQuery("SELECT * FROM " + quotedTable + " WHERE 1 = 0")) {
            ResultSetMetaData columns = none.getMetaData();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                if (!described.contains(columns.getColumnName(i))) {
                    added.add(columns.getColumnName(i));
                }
            }
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot read the columns of " + table.schema() + "." + table.name() + ": " + e.getMessage(),
                    e,
                    SqlStates.isTransient(e));
        }
        if (!added.isEmpty()) {
            throw new ConnectorException(
                    table.schema() + "." + table.name() + " gained the columns " + added
                            + " while it was read; it is read again with them",
                    null,
                    true);
        }
    }
}
