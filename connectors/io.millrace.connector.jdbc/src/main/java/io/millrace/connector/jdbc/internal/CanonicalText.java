package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.PortableType.Kind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Values between JDBC and their canonical text forms (see {@link Kind}): read from a result set as
 * the java.time and number types every JDBC 4.2 driver returns, and turned back into parameters for
 * key ranges and high-water marks.
 */
final class CanonicalText {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private CanonicalText() {}

    /** The value of column {@code index} in canonical text of {@code kind}, or null for SQL NULL. */
    static String read(ResultSet row, int index, Kind kind) throws SQLException {
        String text = switch (kind) {
            case BOOLEAN -> {
                boolean value = row.getBoolean(index);
                yield row.wasNull() ? null : value ? "t" : "f";
            }
            case SMALLINT, INTEGER, BIGINT -> {
                long value = row.getLong(index);
                yield row.wasNull() ? null : Long.toString(value);
            }
            case DECIMAL -> decimal(row, index);
            case REAL -> {
                float value = row.getFloat(index);
                yield row.wasNull() ? null : floating(Float.toString(value), 6);
            }
            case DOUBLE -> {
                double value = row.getDouble(index);
                yield row.wasNull() ? null : floating(Double.toString(value), 15);
            }
            case BINARY -> {
                byte[] value = row.getBytes(index);
                yield value == null ? null : "\\x" + HexFormat.of().formatHex(value);
            }
            case DATE -> {
                LocalDate value = row.getObject(index, LocalDate.class);
                yield value == null
                        ? null
                        : infinity(value, LocalDate.MIN, LocalDate.MAX).orElseGet(() -> date(value));
            }
            case TIME -> {
                LocalTime value = row.getObject(index, LocalTime.class);
                yield value == null ? null : time(value);
            }
            case TIME_TZ -> {
                OffsetTime value = row.getObject(index, OffsetTime.class);
                yield value == null ? null : time(value.toLocalTime()) + offset(value.getOffset());
            }
            case TIMESTAMP -> {
                LocalDateTime value = row.getObject(index, LocalDateTime.class);
                yield value == null
                        ? null
                        : infinity(value, LocalDateTime.MIN, LocalDateTime.MAX).orElseGet(() -> timestamp(value));
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                yield value == null
                        ? null
                        : infinity(value, OffsetDateTime.MIN, OffsetDateTime.MAX)
                                .orElseGet(() -> timestamp(value.withOffsetSameInstant(ZoneOffset.UTC)
                                                .toLocalDateTime())
                                        + "+00");
            }
            case UUID -> {
                String value = row.getString(index);
                yield value == null ? null : value.toLowerCase(Locale.ROOT);
            }
            case STRING, INTERVAL, JSON, ARRAY -> row.getString(index);
        };
        return text;
    }

    /**
     * The object a driver binds for a value in canonical text: for key range bounds and high-water
     * marks, so the database compares values of the column's type, not text.
     *
     * @throws IllegalArgumentException when the text is not of the kind's form
     */
    static Object parameter(String text, Kind kind) {
        try {
            return switch (kind) {
                case BOOLEAN -> text.equals("t");
                case SMALLINT -> Short.valueOf(text);
                case INTEGER -> Integer.valueOf(text);
                case BIGINT -> Long.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case REAL -> Float.valueOf(text);
                case DOUBLE -> Double.valueOf(text);
                case BINARY -> HexFormat.of().parseHex(text, 2, text.length());
                case DATE -> parseDate(text);
                case TIME -> LocalTime.parse(text);
                case TIMESTAMP -> LocalDateTime.parse(text.replace(' ', 'T'));
                case TIMESTAMP_TZ ->
                    OffsetDateTime.parse(text.substring(0, text.length() - 3).replace(' ', 'T') + "Z");
                case UUID -> java.util.UUID.fromString(text);
                case TIME_TZ, STRING, INTERVAL, JSON, ARRAY -> text;
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Not a " + kind.name().toLowerCase(Locale.ROOT) + " in canonical form", e);
        }
    }

    /**
     * Exact digits, never an exponent. Drivers of databases with a {@code NaN} decimal (PostgreSQL)
     * cannot make it a BigDecimal and give it as text.
     */
    private static String decimal(ResultSet row, int index) throws SQLException {
        try {
            BigDecimal value = row.getBigDecimal(index);
            return value == null ? null : value.toPlainString();
        } catch (SQLException | NumberFormatException e) {
            String text = row.getString(index);
            if ("NaN".equals(text) || "Infinity".equals(text) || "-Infinity".equals(text)) {
                return text;
            }
            throw e;
        }
    }

    /** Drivers give the infinite dates and timestamps of their database (PostgreSQL) as the type's bounds. */
    private static <T> Optional<String> infinity(T value, T lowest, T highest) {
        return value.equals(highest)
                ? Optional.of("infinity")
                : value.equals(lowest) ? Optional.of("-infinity") : Optional.empty();
    }

    /** Shortest exact decimal, or {@code 1.5e+20} beyond the digits the type holds, as PostgreSQL writes it. */
    static String floating(String javaText, int digits) {
        if (javaText.equals("NaN") || javaText.endsWith("Infinity")) {
            return javaText;
        }
        BigDecimal value = new BigDecimal(javaText).stripTrailingZeros();
        if (value.signum() == 0) {
            return javaText.startsWith("-") ? "-0" : "0";
        }
        int exponent = value.precision() - value.scale() - 1;
        if (exponent >= -4 && exponent < digits) {
            return value.toPlainString();
        }
        String unscaled = value.unscaledValue().abs().toString();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        return (value.signum() < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    /** Year 0 and before are years BC, as in PostgreSQL: java.time's year 0 is 1 BC. */
    private static String date(LocalDate value) {
        if (value.getYear() > 0) {
            return DATE.format(value);
        }
        return DATE.format(value.withYear(1 - value.getYear())) + " BC";
    }

    private static LocalDate parseDate(String text) {
        if (text.endsWith(" BC")) {
            LocalDate date = LocalDate.parse(text.substring(0, text.length() - 3));
            return date.withYear(1 - date.getYear());
        }
        return LocalDate.parse(text);
    }

    private static String timestamp(LocalDateTime value) {
        String text = date(value.toLocalDate());
        String time = time(value.toLocalTime());
        return text.endsWith(" BC") ? text.substring(0, text.length() - 3) + " " + time + " BC" : text + " " + time;
    }

    /** Seconds always; a fraction only where there is one, without trailing zeros, up to microseconds. */
    private static String time(LocalTime value) {
        String text = SECONDS.format(value);
        int micros = value.getNano() / 1000;
        if (micros == 0) {
            return text;
        }
        String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
        return text + "." + fraction;
    }

    /** {@code +02}, or {@code -03:30} where there are minutes. */
    private static String offset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        int hours = Math.abs(seconds) / 3600;
        int minutes = Math.abs(seconds) % 3600 / 60;
        return (seconds < 0 ? "-" : "+")
                + String.format(Locale.ROOT, "%02d", hours)
                + (minutes == 0 ? "" : String.format(Locale.ROOT, ":%02d", minutes));
    }
}
