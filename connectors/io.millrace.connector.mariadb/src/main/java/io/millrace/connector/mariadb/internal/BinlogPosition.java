package io.millrace.connector.mariadb.internal;

import java.util.Objects;

/**
 * A place in the server's binary log: a file and a byte offset in it, as {@code
 * mysql-bin.000003:1234} in text. Positions of one server order by file, then offset, since the
 * server numbers its files in sequence.
 */
record BinlogPosition(String file, long offset) {
    BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (file.isEmpty() || offset < 0) {
            throw new IllegalArgumentException("Not a binlog position: " + file + ":" + offset);
        }
    }

    static BinlogPosition parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position (file:offset)");
        }
        try {
            return new BinlogPosition(text.substring(0, colon), Long.parseLong(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a binlog position (file:offset)", e);
        }
    }

    @Override
    public String toString() {
        return file + ":" + offset;
    }
}
