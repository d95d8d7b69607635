package io.millrace.rest.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads what a project keeps in its target: the tables and views of its schemas, and their first
 * rows. Only objects in the project's own schemas can be read, and names are quoted by the target's
 * dialect, so a request cannot reach other data.
 */
final class TargetPreview {
    /** The schemas a project writes, by suffix of the project's name. */
    static final List<String> LAYERS = List.of("landing", "storage", "storage_internal");

    private final String project;
    private final TargetDialect dialect;
    private final ConnectionSettings settings;

    /**
     * A table or view of the project.
     *
     * @param layer {@code landing}, {@code storage} or {@code storage_internal}
     * @param kind {@code table} or {@code view}
     */
    record DataObject(String schema, String name, String layer, String kind) {}

    /**
     * A column of a preview.
     *
     * @param type the target's type name, such as {@code CHARACTER VARYING}
     */
    record Column(String name, String type, boolean nullable) {}

    /**
     * The first rows of a table or view, values as text (null stays null).
     *
     * @param truncated whether the object has more rows than shown
     */
    record Preview(String schema, String name, List<Column> columns, List<List<String>> rows, boolean truncated) {}

    TargetPreview(String project, TargetDialect dialect, ConnectionSettings settings) {
        this.project = project;
        this.dialect = dialect;
        this.settings = settings;
    }

    List<DataObject> objects() {
        try (Connection connection = dialect.open(settings)) {
            return objects(connection);
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot read the tables of project " + project + " in its target: " + e.getMessage(), e);
        }
    }

    Preview rows(String schema, String name, int limit) {
        try (Connection connection = dialect.open(settings)) {
            objects(connection).stream()
                    .filter(object ->
                            object.schema().equals(schema) && object.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> ApiProblem.notFound("The project " + project + " has no table or view " + schema
                            + "." + name + " in its target; GET /api/v1/projects/{id}/data lists them"));
            try (Statement statement = connection.createStatement()) {
                statement.setMaxRows(limit + 1);
                try (ResultSet result = statement.executeQuery("SELECT * FROM " + dialect.qualify(schema, name))) {
                    ResultSetMetaData meta = result.getMetaData();
                    List<Column> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(new Column(
                                meta.getColumnLabel(i),
                                meta.getColumnTypeName(i),
                                meta.isNullable(i) != ResultSetMetaData.columnNoNulls));
                    }
                    List<List<String>> rows = new ArrayList<>();
                    boolean truncated = false;
                    while (result.next()) {
                        if (rows.size() == limit) {
                            truncated = true;
                            break;
                        }
                        List<String> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            row.add(text(result.getObject(i)));
                        }
                        rows.add(Collections.unmodifiableList(row));
                    }
                    return new Preview(schema, name, columns, rows, truncated);
                }
            }
        } catch (SQLException e) {
            throw new ConnectorException(
                    "Cannot read " + schema + "." + name + " of project " + project + ": " + e.getMessage(), e);
        }
    }

    private List<DataObject> objects(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<DataObject> objects = new ArrayList<>();
        for (String layer : LAYERS) {
            String schema = project + "_" + layer;
            // Databases name their table types differently (H2: BASE TABLE, PostgreSQL: TABLE).
            try (ResultSet tables = meta.getTables(null, schema, "%", null)) {
                while (tables.next()) {
                    String type = String.valueOf(tables.getString("TABLE_TYPE")).toLowerCase(Locale.ROOT);
                    boolean view = type.contains("view");
                    if (schema.equals(tables.getString("TABLE_SCHEM")) && (view || type.contains("table"))) {
                        objects.add(
                                new DataObject(schema, tables.getString("TABLE_NAME"), layer, view ? "view" : "table"));
                    }
                }
            }
        }
        objects.sort(Comparator.comparing(DataObject::schema).thenComparing(DataObject::name));
        return objects;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        return String.valueOf(value);
    }
}
