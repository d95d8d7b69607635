package io.millrace.connector.h2.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.RowWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.List;
import java.util.function.Function;

/**
 * Appends rows to an H2 table through a prepared INSERT, executed in batches of {@value #BATCH_SIZE}
 * rows, with each value parsed from canonical text into the Java object its column type takes.
 */
final class BatchInsertWriter implements RowWriter {
    private static final int BATCH_SIZE = 1000;

    private final PreparedStatement insert;
    private final List<ColumnDescription> columns;
    private final List<Function<String, Object>> parsers;
    private int batched;
    private long written;
    private boolean finished;

    /**
     * @param insert an INSERT taking one parameter per column, in the order of {@code columns}
     */
    BatchInsertWriter(PreparedStatement insert, List<ColumnDescription> columns) {
        this.insert = insert;
        this.columns = List.copyOf(columns);
        this.parsers = this.columns.stream()
                .map(column -> CanonicalValues.parser(column.type()))
                .toList();
    }

    @Override
    public void write(String[] values) throws SQLException {
        if (finished) {
            throw new IllegalStateException("The writer is finished");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    "A row holds " + columns.size() + " values, one per column, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            insert.setObject(i + 1, values[i] == null ? null : parse(i, values[i]));
        }
        insert.addBatch();
        written++;
        if (++batched == BATCH_SIZE) {
            insert.executeBatch();
            batched = 0;
        }
    }

    private Object parse(int column, String text) throws SQLException {
        try {
            return parsers.get(column).apply(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            // The parsers' own messages may quote the value, which is data and may be confidential.
            ColumnDescription description = columns.get(column);
            String reason = e instanceof CanonicalValues.UnrepresentableValueException
                    ? e.getMessage()
                    : "the value is not a " + description.type() + " in canonical text form";
            throw new SQLException(
                    "Row " + (written + 1) + ", column \"" + description.name() + "\": " + reason, "22018");
        }
    }

    @Override
    public long finish() throws SQLException {
        if (!finished && batched > 0) {
            insert.executeBatch();
            batched = 0;
        }
        finished = true;
        return written;
    }

    /** Closing the statement drops the rows still batched. */
    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
