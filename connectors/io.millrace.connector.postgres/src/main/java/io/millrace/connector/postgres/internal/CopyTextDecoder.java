package io.millrace.connector.postgres.internal;

import java.nio.charset.StandardCharsets;

/**
 * Splits one line of PostgreSQL's COPY text format into its values: tab-separated, {@code \N} for
 * NULL, backslash escapes for control characters. Not thread-safe; one per reader.
 */
final class CopyTextDecoder {
    private final int columns;
    private byte[] field = new byte[256];

    CopyTextDecoder(int columns) {
        this.columns = columns;
    }

    /**
     * @param line one row, with or without its final newline
     * @throws IllegalStateException when the line has a different number of values than expected
     */
    String[] decode(byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        String[] values = new String[columns];
        int column = 0;
        int start = 0;
        while (start <= end) {
            int stop = start;
            while (stop < end && line[stop] != '\t') {
                stop++;
            }
            if (column == columns) {
                throw new IllegalStateException("A COPY row has more than " + columns + " values");
            }
            values[column++] = value(line, start, stop);
            start = stop + 1;
        }
        if (column != columns) {
            throw new IllegalStateException("A COPY row has " + column + " values instead of " + columns);
        }
        return values;
    }

    private String value(byte[] line, int start, int stop) {
        if (stop - start == 2 && line[start] == '\\' && line[start + 1] == 'N') {
            return null;
        }
        int backslash = start;
        while (backslash < stop && line[backslash] != '\\') {
            backslash++;
        }
        if (backslash == stop) {
            return new String(line, start, stop - start, StandardCharsets.UTF_8);
        }
        if (field.length < stop - start) {
            field = new byte[stop - start];
        }
        int length = 0;
        for (int i = start; i < stop; i++) {
            byte current = line[i];
            if (current != '\\' || i + 1 == stop) {
                field[length++] = current;
                continue;
            }
            byte escaped = line[++i];
            field[length++] = switch (escaped) {
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'v' -> 0x0b;
                default -> escaped;
            };
        }
        return new String(field, 0, length, StandardCharsets.UTF_8);
    }
}
