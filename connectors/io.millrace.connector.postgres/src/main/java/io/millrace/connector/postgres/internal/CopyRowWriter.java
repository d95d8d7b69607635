package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.RowWriter;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Appends rows through {@code COPY ... FROM STDIN} in text format, the fastest way into PostgreSQL.
 * Values arrive in PostgreSQL's own text form, so they are only escaped and encoded as UTF-8 straight
 * into one reused buffer, which is sent whenever it is full: COPY data need not break at rows, so a
 * value of any size streams through the same 64 KiB. Not thread-safe.
 */
final class CopyRowWriter implements RowWriter {
    private static final int BUFFER_SIZE = 64 * 1024;

    /** Characters encoded per reservation of buffer space: at most three bytes each. */
    private static final int SEGMENT = 4096;

    /** The letter after a backslash for the characters COPY text format escapes, or 0. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private final CopyIn copy;
    private final int columns;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int length;
    private long rows;
    private boolean finished;

    /**
     * @param copy a started {@code COPY ... FROM STDIN} in text format
     * @param columns how many values each row holds
     */
    CopyRowWriter(CopyIn copy, int columns) {
        this.copy = copy;
        this.columns = columns;
    }

    @Override
    public void write(String[] values) throws SQLException {
        if (finished) {
            throw new IllegalStateException("The writer is finished");
        }
        if (values.length != columns) {
            throw new IllegalArgumentException(
                    "A row holds " + columns + " values, one per column, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            reserve(3);
            if (i > 0) {
                buffer[length++] = '\t';
            }
            if (values[i] == null) {
                buffer[length++] = '\\';
                buffer[length++] = 'N';
            } else {
                encode(values[i]);
            }
        }
        reserve(1);
        buffer[length++] = '\n';
        rows++;
    }

    @Override
    public boolean takesCopyText() {
        return true;
    }

    @Override
    public void writeCopyText(byte[] line) throws SQLException {
        if (finished) {
            throw new IllegalStateException("The writer is finished");
        }
        if (line.length > buffer.length - length) {
            send();
            if (line.length > buffer.length) {
                copy.writeToCopy(line, 0, line.length);
                rows++;
                return;
            }
        }
        System.arraycopy(line, 0, buffer, length, line.length);
        length += line.length;
        rows++;
    }

    private void encode(String value) throws SQLException {
        int next = 0;
        while (next < value.length()) {
            int segmentEnd = Math.min(value.length(), next + SEGMENT);
            // One byte more: a surrogate pair that starts at the segment's end takes four bytes.
            reserve(3 * (segmentEnd - next) + 1);
            next = encode(value, next, segmentEnd);
        }
    }

    /**
     * Escapes and encodes {@code value}'s characters from {@code from} to {@code to}, or one past it
     * when a surrogate pair straddles the end, and returns the index after the last one encoded.
     * Unpaired surrogates become {@code ?}, as in {@link String#getBytes}.
     */
    private int encode(String value, int from, int to) {
        byte[] out = buffer;
        int at = length;
        int index = from;
        while (index < to) {
            char c = value.charAt(index++);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[at++] = (byte) c;
                } else {
                    out[at++] = '\\';
                    out[at++] = escape;
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xc0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xe0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)
                    && index < value.length()
                    && Character.isLowSurrogate(value.charAt(index))) {
                int codePoint = Character.toCodePoint(c, value.charAt(index++));
                out[at++] = (byte) (0xf0 | codePoint >> 18);
                out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3f);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3f);
                out[at++] = (byte) (0x80 | codePoint & 0x3f);
            } else {
                out[at++] = '?';
            }
        }
        length = at;
        return index;
    }

    /** Sends the buffer unless {@code bytes} more fit in it. */
    private void reserve(int bytes) throws SQLException {
        if (length + bytes > buffer.length) {
            send();
        }
    }

    private void send() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    @Override
    public long finish() throws SQLException {
        if (!finished) {
            send();
            copy.endCopy();
            finished = true;
        }
        return rows;
    }

    /** Cancelling makes the server drop what it received, and fails the caller's transaction. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
