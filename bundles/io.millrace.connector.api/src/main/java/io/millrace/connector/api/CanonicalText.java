package io.millrace.connector.api;

import io.millrace.connector.api.PortableType.Kind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Java values in the canonical text of their {@link Kind}, and back, for the kinds whose form Java
 * does not write by itself: floating point, binary, dates, times and timestamps. The forms are
 * PostgreSQL's output, so a value read by any source lands exactly as the PostgreSQL connector,
 * which passes PostgreSQL's text through, lands it. Connectors use it to write the values they
 * read, and to read back the texts of key range bounds and high-water marks into values to bind.
 *
 * <p>The {@code infinity} dates and timestamps have no Java value; a connector whose database has
 * them writes them itself.
 */
public final class CanonicalText {
    private static final HexFormat HEX = HexFormat.of();
    private static final String BC = " BC";

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** Decimal exponents from which PostgreSQL writes a float4 or float8 with an exponent (FLT_DIG, DBL_DIG). */
    private static final int REAL_PLAIN_DIGITS = 6;

    private static final int DOUBLE_PLAIN_DIGITS = 15;

    /** Significant digits that always tell a float4 or float8 from its neighbours. */
    private static final int REAL_MOST_DIGITS = 9;

    private static final int DOUBLE_MOST_DIGITS = 17;

    private CanonicalText() {}

    /**
     * The shortest decimal that reads back as the same float, plain from {@code 0.0001} to below
     * {@code 1e+06} and as {@code 1.5e+20} beyond; {@code -0}, {@code NaN}, {@code Infinity}, {@code
     * -Infinity}.
     */
    public static String real(float value) {
        if (!Float.isFinite(value) || value == 0) {
            return special(value);
        }
        float magnitude = Math.abs(value);
        return (value < 0 ? "-" : "")
                + floating(
                        new BigDecimal(magnitude),
                        new BigDecimal(magnitude - Math.nextDown(magnitude)),
                        new BigDecimal(Math.ulp(magnitude)),
                        REAL_MOST_DIGITS,
                        REAL_PLAIN_DIGITS);
    }

    /**
     * The shortest decimal that reads back as the same double, plain from {@code 0.0001} to below
     * {@code 1e+15} and as {@code 1.5e+20} beyond; {@code -0}, {@code NaN}, {@code Infinity}, {@code
     * -Infinity}.
     */
    public static String doublePrecision(double value) {
        if (!Double.isFinite(value) || value == 0) {
            return special(value);
        }
        double magnitude = Math.abs(value);
        return (value < 0 ? "-" : "")
                + floating(
                        new BigDecimal(magnitude),
                        new BigDecimal(magnitude - Math.nextDown(magnitude)),
                        new BigDecimal(Math.ulp(magnitude)),
                        DOUBLE_MOST_DIGITS,
                        DOUBLE_PLAIN_DIGITS);
    }

    /** {@code \x} and two lowercase hex digits per byte. */
    public static String binary(byte[] value) {
        return "\\x" + HEX.formatHex(value);
    }

    /**
     * The bytes of a binary's canonical text.
     *
     * @throws IllegalArgumentException when the text is not {@code \x} and pairs of hex digits
     */
    public static byte[] parseBinary(String text) {
        if (!text.startsWith("\\x")) {
            throw notCanonical(Kind.BINARY, "\\x00ff", null);
        }
        try {
            return HEX.parseHex(text, 2, text.length());
        } catch (IllegalArgumentException e) {
            throw notCanonical(Kind.BINARY, "\\x00ff", e);
        }
    }

    /**
     * {@code 2024-02-29}; years before 1 as {@code 0044-03-15 BC}, where java.time's year 0 is 1 BC
     * (proleptic ISO years, as PostgreSQL's).
     */
    public static String date(LocalDate value) {
        return withEra(value, "");
    }

    /**
     * The date of a canonical text.
     *
     * @throws IllegalArgumentException when the text is not a date such as {@code 2024-02-29} or
     *     {@code 0044-03-15 BC} ({@code infinity} included)
     */
    public static LocalDate parseDate(String text) {
        try {
            boolean bc = text.endsWith(BC);
            return parseDate(bc ? text.substring(0, text.length() - BC.length()) : text, bc);
        } catch (RuntimeException e) {
            throw notCanonical(Kind.DATE, "2024-02-29", e);
        }
    }

    /**
     * {@code 13:45:00}, with a fraction where there is one, without trailing zeros, to the
     * microsecond: the nanoseconds below a microsecond are dropped, as no canonical form holds them.
     */
    public static String time(LocalTime value) {
        String seconds =
                String.format(Locale.ROOT, "%02d:%02d:%02d", value.getHour(), value.getMinute(), value.getSecond());
        int micros = value.getNano() / 1000;
        if (micros == 0) {
            return seconds;
        }
        return seconds + "." + String.format(Locale.ROOT, "%06d", micros).replaceFirst("0+$", "");
    }

    /**
     * The time of a canonical text.
     *
     * @throws IllegalArgumentException when the text is not a time such as {@code 13:45:00.5}, or is
     *     {@code 24:00:00}, which PostgreSQL has and Java has not
     */
    public static LocalTime parseTime(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            throw notCanonical(Kind.TIME, "13:45:00.5", e);
        }
    }

    /** {@code 13:45:00+02}, {@code 13:45:00.5-03:30}: the time as {@link #time} and its offset. */
    public static String timeTz(OffsetTime value) {
        return time(value.toLocalTime()) + offset(value.getOffset());
    }

    /** {@code 2024-02-29 13:45:00.5}, or {@code 0044-03-15 12:00:00 BC}: date and time as {@link #date} and {@link #time}. */
    public static String timestamp(LocalDateTime value) {
        return withEra(value.toLocalDate(), " " + time(value.toLocalTime()));
    }

    /**
     * The timestamp of a canonical text.
     *
     * @throws IllegalArgumentException when the text is not a timestamp such as {@code 2024-02-29
     *     13:45:00.5} or {@code 0044-03-15 12:00:00 BC} ({@code infinity} included)
     */
    public static LocalDateTime parseTimestamp(String text) {
        try {
            boolean bc = text.endsWith(BC);
            String dateAndTime = bc ? text.substring(0, text.length() - BC.length()) : text;
            int space = dateAndTime.indexOf(' ');
            return LocalDateTime.of(
                    parseDate(dateAndTime.substring(0, space), bc), LocalTime.parse(dateAndTime.substring(space + 1)));
        } catch (RuntimeException e) {
            throw notCanonical(Kind.TIMESTAMP, "2024-02-29 13:45:00.5", e);
        }
    }

    /**
     * The point in time in UTC, as {@link #timestamp} with {@code +00}: {@code 2024-02-29
     * 11:45:00.5+00}, {@code 0044-03-15 12:00:00+00 BC}.
     */
    public static String timestampTz(OffsetDateTime value) {
        LocalDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return withEra(utc.toLocalDate(), " " + time(utc.toLocalTime()) + "+00");
    }

    /**
     * The point in time of a canonical text, at offset UTC.
     *
     * @throws IllegalArgumentException when the text is not a timestamp in UTC such as {@code
     *     2024-02-29 11:45:00.5+00} ({@code infinity} included)
     */
    public static OffsetDateTime parseTimestampTz(String text) {
        boolean bc = text.endsWith(BC);
        String local = bc ? text.substring(0, text.length() - BC.length()) : text;
        if (!local.endsWith("+00")) {
            throw notCanonical(Kind.TIMESTAMP_TZ, "2024-02-29 11:45:00.5+00", null);
        }
        try {
            return parseTimestamp(local.substring(0, local.length() - 3) + (bc ? BC : ""))
                    .atOffset(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw notCanonical(Kind.TIMESTAMP_TZ, "2024-02-29 11:45:00.5+00", e);
        }
    }

    private static String special(double value) {
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }

    /**
     * PostgreSQL's shortest-exact output (its Ryū code): the fewest significant digits that read back
     * as the value, the nearest to it of those. Unlike Java's parser, PostgreSQL's code never takes a
     * decimal exactly halfway to the next float, so a decimal must lie strictly between the halfway
     * points. Java's own text is no help: up to Java 18 it is not always the shortest, and it has at
     * least two digits ({@code 1.4E-45} for the smallest float, which PostgreSQL writes {@code 1e-45}).
     *
     * @param magnitude the positive value, exactly
     * @param gapBelow the distance to the next smaller float
     * @param gapAbove the distance to the next larger float
     */
    private static String floating(
            BigDecimal magnitude, BigDecimal gapBelow, BigDecimal gapAbove, int mostDigits, int plainDigits) {
        BigDecimal lowest = magnitude.subtract(gapBelow.multiply(HALF));
        BigDecimal highest = magnitude.add(gapAbove.multiply(HALF));
        // A decimal of fewer digits is one of more digits too, so the lengths that have one are those from the shortest
        // up.
        int fewest = 1;
        int most = mostDigits;
        while (fewest < most) {
            int digits = (fewest + most) >>> 1;
            if (nearestBetween(magnitude, digits, lowest, highest).isPresent()) {
                most = digits;
            } else {
                fewest = digits + 1;
            }
        }
        BigDecimal shortest =
                nearestBetween(magnitude, most, lowest, highest).orElseThrow().stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < plainDigits) {
            return shortest.toPlainString();
        }
        return shortest.movePointLeft(exponent).toPlainString()
                + (exponent < 0 ? "e-" : "e+")
                + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }

    /**
     * The decimal of {@code digits} significant digits nearest to {@code magnitude} strictly between
     * {@code lowest} and {@code highest}: the nearest of all, else its neighbour on the other side.
     */
    private static Optional<BigDecimal> nearestBetween(
            BigDecimal magnitude, int digits, BigDecimal lowest, BigDecimal highest) {
        BigDecimal nearest = magnitude.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        BigDecimal other = magnitude.round(
                new MathContext(digits, nearest.compareTo(magnitude) > 0 ? RoundingMode.DOWN : RoundingMode.UP));
        return Stream.of(nearest, other)
                .filter(decimal -> decimal.compareTo(lowest) > 0 && decimal.compareTo(highest) < 0)
                .findFirst();
    }

    /** The date, then {@code rest}, then {@code BC} for years before 1. */
    private static String withEra(LocalDate value, String rest) {
        boolean bc = value.getYear() < 1;
        int year = bc ? 1 - value.getYear() : value.getYear();
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year, value.getMonthValue(), value.getDayOfMonth())
                + rest
                + (bc ? BC : "");
    }

    /** A date of four or more year digits (PostgreSQL's go to 5874897), in the era {@code bc} says. */
    private static LocalDate parseDate(String text, boolean bc) {
        if (!text.matches("\\d{4,}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("not yyyy-mm-dd");
        }
        String[] parts = text.split("-");
        int year = Integer.parseInt(parts[0]);
        if (year == 0) {
            throw new IllegalArgumentException("there is no year 0: 1 BC precedes 1");
        }
        return LocalDate.of(bc ? 1 - year : year, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    /** {@code +02}, {@code -03:30}, with seconds where an offset has them, as PostgreSQL writes them. */
    private static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int seconds = Math.abs(total);
        String text = String.format(Locale.ROOT, "%s%02d", total < 0 ? "-" : "+", seconds / 3600);
        if (seconds % 3600 != 0) {
            text += String.format(Locale.ROOT, ":%02d", seconds % 3600 / 60);
        }
        if (seconds % 60 != 0) {
            text += String.format(Locale.ROOT, ":%02d", seconds % 60);
        }
        return text;
    }

    private static IllegalArgumentException notCanonical(Kind kind, String example, Exception cause) {
        return new IllegalArgumentException(
                "Not a " + kind.name().toLowerCase(Locale.ROOT) + " in canonical form, such as " + example, cause);
    }
}
