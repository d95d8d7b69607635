package io.millrace.example.connector.sqlite.internal;

import io.millrace.connector.api.CanonicalText;
import io.millrace.connector.api.PortableType.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Values between SQLite and the canonical text of their column's kind (see {@link Kind}), the one
 * form in which the server moves values of every source. SQLite hands a value over as what it
 * stored (an integer, a real, text or a blob), whatever the column's declared type; a value that
 * its column's kind cannot hold is refused, never changed. The SPI's {@link CanonicalText} writes
 * the forms that Java does not write by itself (doubles, bytes, dates, timestamps).
 */
final class SqliteValues {
    private SqliteValues() {}

    /**
     * The canonical text of a value as the driver's {@code getObject} gives it: Integer or Long,
     * Double, String, byte[], or null for NULL.
     *
     * @throws IllegalArgumentException when the kind cannot hold the value, saying what it is
     */
    static String canonical(Object stored, Kind kind) {
        if (stored == null) {
            return null;
        }
        try {
            return switch (kind) {
                case BOOLEAN -> {
                    // SQLite's TRUE and FALSE are the integers 1 and 0.
                    if (stored instanceof Integer number && (number == 0 || number == 1)) {
                        yield number == 1 ? "t" : "f";
                    }
                    throw refused(stored, kind);
                }
                case SMALLINT, INTEGER, BIGINT -> {
                    if (stored instanceof Integer || stored instanceof Long) {
                        yield stored.toString();
                    }
                    throw refused(stored, kind);
                }
                case DECIMAL -> decimal(stored);
                case DOUBLE -> {
                    if (stored instanceof Number number) {
                        yield CanonicalText.doublePrecision(number.doubleValue());
                    }
                    throw refused(stored, kind);
                }
                case BINARY -> {
                    if (stored instanceof byte[] bytes) {
                        yield CanonicalText.binary(bytes);
                    }
                    throw refused(stored, kind);
                }
                case DATE -> {
                    LocalDate date = LocalDate.parse(text(stored, kind));
                    if (date.getYear() < 1) {
                        throw refused(stored, kind);
                    }
                    yield CanonicalText.date(date);
                }
                case TIMESTAMP -> {
                    LocalDateTime timestamp =
                            LocalDateTime.parse(text(stored, kind).replace(' ', 'T'));
                    if (timestamp.getYear() < 1 || timestamp.getNano() % 1000 != 0) {
                        throw refused(stored, kind);
                    }
                    yield CanonicalText.timestamp(timestamp);
                }
                default -> {
                    // Text, and whatever else a column of no particular type holds, except bytes.
                    if (stored instanceof byte[]) {
                        throw refused(stored, kind);
                    }
                    yield stored instanceof Double number ? CanonicalText.doublePrecision(number) : stored.toString();
                }
            };
        } catch (DateTimeParseException e) {
            throw refused(stored, kind);
        }
    }

    /**
     * The value to bind for a canonical text, in a key range's bounds or an incremental mark. Text
     * is bound as it is: SQLite compares it with a numeric column as a number (the column's
     * affinity applies), and dates and timestamps compare as the text SQLite keeps them in.
     */
    static Object parameter(String text, Kind kind) {
        return switch (kind) {
            case BOOLEAN -> text.equals("t") ? 1 : 0;
            case SMALLINT, INTEGER, BIGINT -> Long.valueOf(text);
            case DOUBLE -> Double.valueOf(text);
            case BINARY -> CanonicalText.parseBinary(text);
            default -> text;
        };
    }

    private static String decimal(Object stored) {
        if (stored instanceof Integer || stored instanceof Long) {
            return stored.toString();
        }
        if (stored instanceof Double number) {
            return number.isInfinite()
                    ? CanonicalText.doublePrecision(number)
                    : new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        try {
            return new BigDecimal(stored.toString().strip()).toPlainString();
        } catch (NumberFormatException e) {
            throw refused(stored, Kind.DECIMAL);
        }
    }

    /** Dates and timestamps are ISO 8601 text in SQLite, as its date and time functions write them. */
    private static String text(Object stored, Kind kind) {
        if (stored instanceof String text) {
            return text.strip();
        }
        throw refused(stored, kind);
    }

    private static IllegalArgumentException refused(Object stored, Kind kind) {
        String value;
        if (stored instanceof byte[] bytes) {
            value = "a blob of " + bytes.length + " bytes";
        } else if (stored instanceof String text) {
            value = "the text '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        } else {
            value = (stored instanceof Double ? "the real " : "the integer ") + stored;
        }
        String expected = switch (kind) {
            case BOOLEAN -> "a boolean (0 or 1)";
            case DATE -> "a date (text such as 2024-02-29)";
            case TIMESTAMP -> "a timestamp (text such as 2024-02-29 13:45:00.5, to the microsecond)";
            default -> "a value of kind " + kind.name().toLowerCase(Locale.ROOT);
        };
        return new IllegalArgumentException("holds " + value + ", which is not " + expected);
    }
}
