package io.millrace.connector.api;

/** Receives the rows of a table as a source reads them. */
@FunctionalInterface
public interface RowSink {
    /**
     * @param values one per column in the order the reader was given, each in the canonical text form
     *     of its column's {@link PortableType.Kind}, or {@code null} for SQL NULL. The array is the
     *     receiver's to keep.
     */
    void accept(String[] values);
}
