package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.CanonicalText;
import io.millrace.connector.api.ConnectorException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * MariaDB values whose canonical text (see {@code PortableType.Kind}) is MariaDB's own business: bits,
 * TIME durations and zero dates; the forms every source shares come from {@link
 * CanonicalText}. Shared by the snapshot reader and the binlog stream so
 * that a row reads the same either way.
 */
final class MariaDbText {
    private MariaDbText() {}

    /** A bit value as '0'/'1' digits, {@code length} of them, most significant first. */
    static String bits(long value, int length) {
        StringBuilder digits = new StringBuilder(Long.toBinaryString(value));
        while (digits.length() < length) {
            digits.insert(0, '0');
        }
        return digits.toString();
    }

    /**
     * A TIME as an ISO 8601 duration, each part carrying the sign: {@code -01:02:03.5} is {@code
     * PT-1H-2M-3.5S}.
     */
    private static String duration(boolean negative, long hours, long minutes, long seconds, long micros) {
        String sign = negative ? "-" : "";
        StringBuilder text = new StringBuilder("PT");
        if (hours != 0) {
            text.append(sign).append(hours).append('H');
        }
        if (minutes != 0) {
            text.append(sign).append(minutes).append('M');
        }
        if (seconds != 0 || micros != 0 || (hours == 0 && minutes == 0)) {
            text.append(sign).append(seconds);
            if (micros != 0) {
                text.append(BigDecimal.valueOf(micros, 6)
                        .stripTrailingZeros()
                        .toPlainString()
                        .substring(1));
            }
            text.append('S');
        }
        return text.toString();
    }

    /** A TIME as the server shows it ({@code -838:59:59.000000}) as an ISO 8601 duration. */
    static String duration(String shown) {
        boolean negative = shown.startsWith("-");
        String[] parts = (negative ? shown.substring(1) : shown).split(":");
        String[] seconds = parts[2].split("\\.");
        long micros = seconds.length > 1 ? Long.parseLong((seconds[1] + "000000").substring(0, 6)) : 0;
        return duration(
                negative, Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(seconds[0]), micros);
    }

    /**
     * A DATE, DATETIME or TIMESTAMP, shown by the server or decoded from the binlog, in its canonical
     * text, or what the zero-date rule makes of a zero date (one with a zero year, month or day, as
     * {@code 0000-00-00} or {@code 2024-00-10}). The server shows as many fractional digits as the
     * column declares and the binlog six; the canonical text has only those a value needs, so both
     * read alike.
     *
     * @param utc whether the value is a point in time, shown in UTC, which gets its {@code +00}
     */
    static String temporal(String shown, boolean utc, ZeroDates rule, String table, String column) {
        if (shown.startsWith("0000") || shown.startsWith("-00", 4) || shown.startsWith("-00", 7)) {
            if (rule == ZeroDates.FAIL) {
                throw new ConnectorException(
                        "The column " + column + " of " + table + " holds the zero date " + shown + ", which no"
                                + " target can hold: set the connection's zero-date rule to 'null' to land it as"
                                + " NULL, or correct the value in the source",
                        null);
            }
            return null;
        }
        if (shown.indexOf(' ') < 0) {
            return CanonicalText.date(LocalDate.parse(shown));
        }
        LocalDateTime value = LocalDateTime.parse(shown.replace(' ', 'T'));
        return utc ? CanonicalText.timestampTz(value.atOffset(ZoneOffset.UTC)) : CanonicalText.timestamp(value);
    }
}
