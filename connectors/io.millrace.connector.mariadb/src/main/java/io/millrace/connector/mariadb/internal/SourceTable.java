package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.TableDescription;
import java.util.List;
import java.util.OptionalLong;

/** A table with what reading it needs: its columns as information_schema describes them. */
record SourceTable(String schema, String name, List<SourceColumn> columns, List<String> primaryKey, long rows) {
    SourceTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    TableDescription describe() {
        return new TableDescription(
                schema,
                name,
                false,
                columns.stream().map(SourceColumn::describe).toList(),
                primaryKey,
                rows > 0 ? OptionalLong.of(rows) : OptionalLong.empty());
    }
}
