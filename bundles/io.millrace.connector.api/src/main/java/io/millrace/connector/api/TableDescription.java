package io.millrace.connector.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A table as a source describes it.
 *
 * @param schema the schema (namespace) the table is in
 * @param name the name as the source spells it
 * @param partitioned whether it is the parent of partitions, which are read through it
 * @param columns in their order in the table
 * @param primaryKey the primary key's columns in key order; empty when the table has none
 * @param estimatedRows the source's estimate, when it has one
 */
public record TableDescription(
        String schema,
        String name,
        boolean partitioned,
        List<ColumnDescription> columns,
        List<String> primaryKey,
        OptionalLong estimatedRows) {
    public TableDescription {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        Objects.requireNonNull(estimatedRows, "estimatedRows");
    }

    /** Whether this is the table {@code schema.name}, whatever its columns now. */
    public boolean is(String schema, String name) {
        return this.schema.equals(schema) && this.name.equals(name);
    }
}
