package io.millrace.engine.internal;

import io.millrace.connector.api.TableDescription;

/**
 * A change carries a column that the landing tables do not have yet: the source table gained it.
 * The batch in progress is rolled back, the landing tables get the column, and the stream resumes
 * from the last committed position.
 */
final class SchemaChangedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TableDescription table;

    SchemaChangedException(TableDescription table, String column) {
        super(
                "The source table " + table.schema() + "." + table.name() + " has a new column " + column,
                null,
                false,
                false);
        this.table = table;
    }

    TableDescription table() {
        return table;
    }
}
