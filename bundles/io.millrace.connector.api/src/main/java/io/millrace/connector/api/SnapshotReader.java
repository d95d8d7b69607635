package io.millrace.connector.api;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reads tables as they were at one point in time, for a full load. One reader is used by one thread;
 * a parallel load opens one reader per thread at the same snapshot.
 */
@ConsumerType
public interface SnapshotReader extends AutoCloseable {
    /**
     * Reads the rows of {@code table} in {@code range}, each with the table's columns in their
     * order, and returns how many were read.
     *
     * @throws ConnectorException when the table cannot be read, naming it
     */
    long read(TableDescription table, KeyRange range, RowSink sink);

    /**
     * Reads like {@link #read}, but hands each row over as one line of PostgreSQL's COPY text format
     * (UTF-8, values in canonical text form separated by tabs, {@code \N} for NULL, backslash escapes,
     * a final newline), for a {@link RowWriter} that {@linkplain RowWriter#takesCopyText() takes
     * them} as they are: rows then cross without being decoded and encoded again.
     *
     * @return how many rows were read, or empty when this reader cannot; then nothing was read
     */
    default OptionalLong readCopyText(TableDescription table, KeyRange range, Consumer<byte[]> lines) {
        return OptionalLong.empty();
    }

    /**
     * The highest value of {@code column} in {@code table}, in the canonical text form of its kind,
     * for incremental landing: rows are later read from it on. Works when {@link
     * SourceConnector#readsIncrements()} is true.
     *
     * @return empty when the table has no rows with a value in the column
     * @throws UnsupportedOperationException when the connector does not read increments
     * @throws ConnectorException when the table cannot be read, naming it
     */
    default Optional<String> highest(TableDescription table, String column) {
        throw new UnsupportedOperationException("This source does not read increments");
    }

    /**
     * Reads the rows of {@code table} whose {@code column} is at least {@code lowest}, in ascending
     * order of that column, for incremental landing: a monotonic column (an updated-at timestamp, an
     * increasing id) finds the rows inserted or updated since a value seen before. Rows whose column
     * is NULL are never read this way. Works when {@link SourceConnector#readsIncrements()} is true.
     *
     * @param lowest the lowest value to read, in the canonical text form of the column's kind; empty
     *     for every row with a value
     * @return how many rows were read
     * @throws UnsupportedOperationException when the connector does not read increments
     * @throws ConnectorException when the table cannot be read, naming it; a transient one when the
     *     table has columns {@code table} does not describe, added since it was described (the rows
     *     would land without their values: see {@link AddedColumns})
     */
    default long readFrom(TableDescription table, String column, Optional<String> lowest, RowSink sink) {
        throw new UnsupportedOperationException("This source does not read increments");
    }

    /** Ends the snapshot and releases its connection. */
    @Override
    void close();
}
