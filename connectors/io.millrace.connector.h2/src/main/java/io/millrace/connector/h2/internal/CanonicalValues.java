package io.millrace.connector.h2.internal;

import io.millrace.connector.api.PortableType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns values in canonical text form (see {@link PortableType.Kind}) into the Java objects that H2's
 * driver binds to the column types {@link H2TargetDialect} creates, so that H2 stores each value
 * exactly instead of parsing text its own way.
 */
final class CanonicalValues {
    /** A date or timestamp, with an offset for timestamps with time zone: {@code 0044-03-15 12:00:00+00 BC}. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4,})-(\\d{2})-(\\d{2})(?: (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)([+-]\\d{2}(?::\\d{2}){0,2})?)?( BC)?");

    private static final int DEFAULT_FRACTION_DIGITS = 6;

    private CanonicalValues() {}

    /**
     * A value H2 cannot hold although its text is well formed. Its message never quotes the value,
     * which is data and may be confidential.
     */
    static final class UnrepresentableValueException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnrepresentableValueException(String message) {
            super(message);
        }
    }

    /**
     * The parser of one column's values. Parsers throw {@link IllegalArgumentException} or {@link
     * java.time.DateTimeException} for malformed text.
     */
    static Function<String, Object> parser(PortableType type) {
        int fractionDigits = fractionDigits(type);
        return switch (type.kind()) {
            case BOOLEAN -> CanonicalValues::bool;
            case SMALLINT -> Short::valueOf;
            case INTEGER -> Integer::valueOf;
            case BIGINT -> Long::valueOf;
            case DECIMAL -> type.precision().isPresent() ? CanonicalValues::exactDecimal : CanonicalValues::decfloat;
            case REAL -> Float::valueOf;
            case DOUBLE -> Double::valueOf;
            case BINARY -> CanonicalValues::bytes;
            case DATE -> CanonicalValues::date;
            case TIME -> text -> time(text, fractionDigits);
            case TIME_TZ -> text -> timeWithZone(text, fractionDigits);
            case TIMESTAMP -> text -> timestamp(text, fractionDigits);
            case TIMESTAMP_TZ -> text -> timestampWithZone(text, fractionDigits);
            case UUID -> UUID::fromString;
            case STRING, INTERVAL, JSON, ARRAY -> text -> text;
        };
    }

    /** The fractional-second digits of a time or timestamp column, as H2 creates it. */
    static int fractionDigits(PortableType type) {
        return Math.min(type.precision().orElse(DEFAULT_FRACTION_DIGITS), 9);
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "t" -> Boolean.TRUE;
            case "f" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("A boolean is t or f");
        };
    }

    private static BigDecimal exactDecimal(String text) {
        if (isSpecialDecimal(text)) {
            throw new UnrepresentableValueException(
                    "NaN and infinities fit only a decimal without precision, which H2 holds as DECFLOAT");
        }
        return new BigDecimal(text);
    }

    /** H2 parses its DECFLOAT specials from text; BigDecimal has none. */
    private static Object decfloat(String text) {
        return isSpecialDecimal(text) ? text : new BigDecimal(text);
    }

    private static boolean isSpecialDecimal(String text) {
        return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
    }

    private static byte[] bytes(String text) {
        if (!text.startsWith("\\x")) {
            throw new IllegalArgumentException("Binary values start with \\x");
        }
        return HexFormat.of().parseHex(text, 2, text.length());
    }

    private static LocalDate date(String text) {
        return switch (text) {
            case "infinity" -> LocalDate.MAX;
            case "-infinity" -> LocalDate.MIN;
            default -> {
                Matcher parts = dateTime(text);
                if (parts.group(4) != null) {
                    throw new IllegalArgumentException("A date has no time of day");
                }
                yield date(parts);
            }
        };
    }

    private static LocalTime time(String text, int fractionDigits) {
        return text.equals("24:00:00") ? lastTime(fractionDigits) : LocalTime.parse(text);
    }

    private static OffsetTime timeWithZone(String text, int fractionDigits) {
        int offsetStart = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
        if (offsetStart < 0) {
            throw new IllegalArgumentException("A time with time zone ends with its offset");
        }
        return OffsetTime.of(
                time(text.substring(0, offsetStart), fractionDigits), ZoneOffset.of(text.substring(offsetStart)));
    }

    private static LocalDateTime timestamp(String text, int fractionDigits) {
        return switch (text) {
            case "infinity" -> LocalDateTime.of(LocalDate.MAX, lastTime(fractionDigits));
            case "-infinity" -> LocalDateTime.MIN;
            default -> {
                Matcher parts = dateTime(text);
                if (parts.group(4) == null || parts.group(5) != null) {
                    throw new IllegalArgumentException("A timestamp has a time of day and no offset");
                }
                yield LocalDateTime.of(date(parts), LocalTime.parse(parts.group(4)));
            }
        };
    }

    private static OffsetDateTime timestampWithZone(String text, int fractionDigits) {
        return switch (text) {
            case "infinity" -> OffsetDateTime.of(LocalDate.MAX, lastTime(fractionDigits), ZoneOffset.UTC);
            case "-infinity" -> OffsetDateTime.of(LocalDateTime.MIN, ZoneOffset.UTC);
            default -> {
                Matcher parts = dateTime(text);
                if (parts.group(5) == null) {
                    throw new IllegalArgumentException("A timestamp with time zone has a time of day and an offset");
                }
                yield OffsetDateTime.of(date(parts), LocalTime.parse(parts.group(4)), ZoneOffset.of(parts.group(5)));
            }
        };
    }

    private static Matcher dateTime(String text) {
        Matcher parts = DATE_TIME.matcher(text);
        if (!parts.matches()) {
            throw new IllegalArgumentException("Not a date or timestamp in ISO form");
        }
        return parts;
    }

    /** Year 1 BC is year 0 in java.time's proleptic calendar, as in PostgreSQL's. */
    private static LocalDate date(Matcher parts) {
        int year = Integer.parseInt(parts.group(1));
        return LocalDate.of(
                parts.group(6) != null ? 1 - year : year,
                Integer.parseInt(parts.group(2)),
                Integer.parseInt(parts.group(3)));
    }

    /** The last time of day a column with these fractional-second digits holds, so H2 does not round it. */
    private static LocalTime lastTime(int fractionDigits) {
        long unit = 1;
        for (int digit = fractionDigits; digit < 9; digit++) {
            unit *= 10;
        }
        return LocalTime.MAX.minusNanos(LocalTime.MAX.getNano() % unit);
    }
}
