package io.millrace.project;

import java.util.Objects;

/** A table by schema and name, as the source spells them. */
public record TableName(String schema, String table) {
    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
