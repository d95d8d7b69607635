package io.millrace.connector.api;

import java.sql.SQLException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Appends rows to one target table inside the caller's open transaction, as fast as the target
 * allows (PostgreSQL: COPY; others: batched inserts). Nothing is visible until the caller commits.
 */
@ConsumerType
public interface RowWriter extends AutoCloseable {
    /**
     * @param values one per column the writer was opened with, in canonical text form (see {@link
     *     PortableType.Kind}) or null
     */
    void write(String[] values) throws SQLException;

    /** Whether {@link #writeCopyText} works: the target loads PostgreSQL's COPY text format. */
    default boolean takesCopyText() {
        return false;
    }

    /**
     * Appends one row given as a line of PostgreSQL's COPY text format, as {@link
     * SnapshotReader#readCopyText} delivers it.
     *
     * @throws UnsupportedOperationException when {@link #takesCopyText()} is false
     */
    default void writeCopyText(byte[] line) throws SQLException {
        throw new UnsupportedOperationException("This writer takes rows as values only");
    }

    /** Sends what is buffered and returns how many rows were written in all. */
    long finish() throws SQLException;

    /** Abandons what was not finished; the caller rolls the transaction back. */
    @Override
    void close() throws SQLException;
}
