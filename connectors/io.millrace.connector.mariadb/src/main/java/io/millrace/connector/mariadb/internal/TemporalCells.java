package io.millrace.connector.mariadb.internal;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Decodes the binlog's DATE, TIME2, DATETIME2 and TIMESTAMP2 cells into the text the server shows
 * ({@code 2024-02-29}, {@code -838:59:59.000000}, {@code 2024-02-29 13:45:00.123456}). The binlog
 * client turns them into epoch milliseconds, which loses negative times, times beyond 24 hours and
 * zero dates; the server's text keeps them, and {@link MariaDbText} takes it from there.
 */
final class TemporalCells {
    private TemporalCells() {}

    static String date(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(3);
        return String.format("%04d-%02d-%02d", value >>> 9, (value >>> 5) & 0x0f, value & 0x1f);
    }

    static String time(int decimals, ByteArrayInputStream in) throws IOException {
        long integer = bigEndian(in.read(3)) - 0x800000L;
        long fraction = 0;
        int length = (decimals + 1) / 2;
        if (length > 0) {
            fraction = bigEndian(in.read(length));
            // A negative time stores its fraction as the complement, borrowing from the seconds.
            if (integer < 0 && fraction != 0) {
                integer++;
                fraction -= 1L << (8 * length);
            }
            fraction *= length == 1 ? 10_000 : length == 2 ? 100 : 1;
        }
        long packed = (integer << 24) + fraction;
        boolean negative = packed < 0;
        long magnitude = Math.abs(packed);
        long hms = magnitude >> 24;
        long micros = magnitude & 0xffffff;
        return String.format(
                "%s%02d:%02d:%02d.%06d",
                negative ? "-" : "", (hms >> 12) & 0x3ff, (hms >> 6) & 0x3f, hms & 0x3f, micros);
    }

    static String datetime(int decimals, ByteArrayInputStream in) throws IOException {
        long integer = bigEndian(in.read(5)) - 0x8000000000L;
        long micros = fraction(decimals, in);
        long ymd = integer >> 17;
        long hms = integer & 0x1ffff;
        long yearMonth = ymd >> 5;
        return String.format(
                "%04d-%02d-%02d %02d:%02d:%02d.%06d",
                yearMonth / 13, yearMonth % 13, ymd & 0x1f, hms >> 12, (hms >> 6) & 0x3f, hms & 0x3f, micros);
    }

    /** A TIMESTAMP in UTC; seconds 0 is the zero timestamp. */
    static String timestamp(int decimals, ByteArrayInputStream in) throws IOException {
        long seconds = bigEndian(in.read(4));
        long micros = fraction(decimals, in);
        if (seconds == 0 && micros == 0) {
            return "0000-00-00 00:00:00";
        }
        LocalDateTime utc = LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds, micros * 1000), ZoneOffset.UTC);
        return String.format(
                "%04d-%02d-%02d %02d:%02d:%02d.%06d",
                utc.getYear(),
                utc.getMonthValue(),
                utc.getDayOfMonth(),
                utc.getHour(),
                utc.getMinute(),
                utc.getSecond(),
                micros);
    }

    /** Fractional seconds in microseconds: 1, 2 or 3 big-endian bytes for 1-2, 3-4 or 5-6 digits. */
    private static long fraction(int decimals, ByteArrayInputStream in) throws IOException {
        int length = (decimals + 1) / 2;
        if (length == 0) {
            return 0;
        }
        long fraction = bigEndian(in.read(length));
        return fraction * (length == 1 ? 10_000 : length == 2 ? 100 : 1);
    }

    private static long bigEndian(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
