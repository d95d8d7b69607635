package io.millrace.connector.api;

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

    /** Ends the snapshot and releases its connection. */
    @Override
    void close();
}
