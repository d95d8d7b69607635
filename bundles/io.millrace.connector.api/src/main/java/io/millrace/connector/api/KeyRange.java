package io.millrace.connector.api;

import java.util.List;

/**
 * A part of a table by primary key, for loading a table in chunks: the rows whose key is at least
 * {@code from} and below {@code to}, comparing keys column by column in key order. A bound may hold
 * fewer values than the key has columns; it then compares the leading columns only. Key values are
 * in the canonical text form of their columns (see {@link PortableType.Kind}). An empty bound is
 * unbounded, so {@link #ALL} is the whole table.
 *
 * @param from the lowest key in the range, or empty for no lower bound
 * @param to the lowest key above the range, or empty for no upper bound
 */
public record KeyRange(List<String> from, List<String> to) {
    /** The whole table. */
    public static final KeyRange ALL = new KeyRange(List.of(), List.of());

    public KeyRange {
        from = List.copyOf(from);
        to = List.copyOf(to);
    }
}
