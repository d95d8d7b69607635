package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.CanonicalText;
import io.millrace.connector.api.PortableType.Kind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Values between JDBC and their canonical text forms (see {@link Kind}): read from a result set as
 * the java.time and number types every JDBC 4.2 driver returns and written by {@link CanonicalText},
 * and turned back into parameters for key ranges and high-water marks.
 */
final class JdbcValues {
    private JdbcValues() {}

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
                yield row.wasNull() ? null : CanonicalText.real(value);
            }
            case DOUBLE -> {
                double value = row.getDouble(index);
                yield row.wasNull() ? null : CanonicalText.doublePrecision(value);
            }
            case BINARY -> {
                byte[] value = row.getBytes(index);
                yield value == null ? null : CanonicalText.binary(value);
            }
            case DATE -> {
                LocalDate value = row.getObject(index, LocalDate.class);
                yield value == null
                        ? null
                        : infinity(value, LocalDate.MIN, LocalDate.MAX).orElseGet(() -> CanonicalText.date(value));
            }
            case TIME -> {
                LocalTime value = row.getObject(index, LocalTime.class);
                yield value == null ? null : CanonicalText.time(value);
            }
            case TIME_TZ -> {
                OffsetTime value = row.getObject(index, OffsetTime.class);
                yield value == null ? null : CanonicalText.timeTz(value);
            }
            case TIMESTAMP -> {
                LocalDateTime value = row.getObject(index, LocalDateTime.class);
                yield value == null
                        ? null
                        : infinity(value, LocalDateTime.MIN, LocalDateTime.MAX)
                                .orElseGet(() -> CanonicalText.timestamp(value));
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                yield value == null
                        ? null
                        : infinity(value, OffsetDateTime.MIN, OffsetDateTime.MAX)
                                .orElseGet(() -> CanonicalText.timestampTz(value));
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
                case BINARY -> CanonicalText.parseBinary(text);
                case DATE -> CanonicalText.parseDate(text);
                case TIME -> CanonicalText.parseTime(text);
                case TIMESTAMP -> CanonicalText.parseTimestamp(text);
                case TIMESTAMP_TZ -> CanonicalText.parseTimestampTz(text);
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
}
