package io.millrace.connector.api;

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

    /** Ends the snapshot and releases its connection. */
    @Override
    void close();
}
