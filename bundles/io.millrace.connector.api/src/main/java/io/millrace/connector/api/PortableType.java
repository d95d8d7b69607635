package io.millrace.connector.api;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A column type as every connector understands it, so that a source's column can be created in any
 * target. Sources map their types to the closest kind that holds every value exactly; what has no
 * exact match (network addresses, ranges, text search vectors) is {@link Kind#STRING} in the
 * source's own text form, and the source type name is kept beside it in {@link ColumnDescription}.
 *
 * @param kind the family of values
 * @param length maximum length in characters or bytes, for strings and binaries, when limited
 * @param precision total digits of a decimal, or fractional-second digits of a time, when limited
 * @param scale digits after the decimal point, for decimals with a precision
 */
public record PortableType(Kind kind, OptionalInt length, OptionalInt precision, OptionalInt scale) {
    public PortableType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(scale, "scale");
    }

    /** A type without length, precision or scale. */
    public static PortableType of(Kind kind) {
        return new PortableType(kind, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }

    public static PortableType string(int length) {
        return new PortableType(Kind.STRING, OptionalInt.of(length), OptionalInt.empty(), OptionalInt.empty());
    }

    public static PortableType decimal(int precision, int scale) {
        return new PortableType(Kind.DECIMAL, OptionalInt.empty(), OptionalInt.of(precision), OptionalInt.of(scale));
    }

    /**
     * Whether every value of {@code other} fits this type unchanged: the same kind no narrower
     * (length, digits before and after the point, fractional seconds), a wider integer or decimal
     * for integers, double for real, or an unlimited string, which holds every kind's text form.
     */
    public boolean holds(PortableType other) {
        if (kind == Kind.STRING && length.isEmpty()) {
            return true;
        }
        if (kind == other.kind) {
            return switch (kind) {
                case STRING, BINARY -> atLeast(length, other.length);
                case DECIMAL ->
                    precision.isEmpty()
                            || (other.precision.isPresent()
                                    && scale.orElse(0) >= other.scale.orElse(0)
                                    && precision.getAsInt() - scale.orElse(0)
                                            >= other.precision.getAsInt() - other.scale.orElse(0));
                case TIME, TIME_TZ, TIMESTAMP, TIMESTAMP_TZ, INTERVAL -> atLeast(precision, other.precision);
                default -> true;
            };
        }
        int digits = integerDigits(other.kind);
        if (digits > 0) {
            return integerDigits(kind) > digits
                    || (kind == Kind.DECIMAL
                            && (precision.isEmpty() || precision.getAsInt() - scale.orElse(0) >= digits));
        }
        return kind == Kind.DOUBLE && other.kind == Kind.REAL;
    }

    /** Whether a limit is at least another; no limit is more than any. */
    private static boolean atLeast(OptionalInt limit, OptionalInt other) {
        return limit.isEmpty() || (other.isPresent() && limit.getAsInt() >= other.getAsInt());
    }

    /** The decimal digits an integer kind needs; 0 for other kinds. */
    private static int integerDigits(Kind kind) {
        return switch (kind) {
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            default -> 0;
        };
    }

    /** Such as {@code decimal(12,2)}, {@code string(40)} or {@code timestamp_tz}. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (length.isPresent()) {
            return name + "(" + length.getAsInt() + ")";
        }
        if (precision.isPresent()) {
            return name + "(" + precision.getAsInt() + (scale.isPresent() ? "," + scale.getAsInt() : "") + ")";
        }
        return name;
    }

    /**
     * The families of values Millrace moves between systems. Values travel as text in one canonical
     * form per kind, which is PostgreSQL's output form with {@code DateStyle=ISO},
     * {@code IntervalStyle=iso_8601}, {@code TimeZone=UTC} and {@code bytea_output=hex}: sources
     * write it ({@link CanonicalText} writes the forms Java does not), target dialects read it. Special values are part of the form ({@code NaN},
     * {@code Infinity}, {@code infinity} dates), so nothing is lost on the way.
     */
    public enum Kind {
        /** {@code t} or {@code f}. */
        BOOLEAN,
        SMALLINT,
        INTEGER,
        BIGINT,
        /**
         * Exact decimal, such as {@code -12.50}; without a precision, any number of digits. Also
         * {@code NaN}, {@code Infinity} and {@code -Infinity}.
         */
        DECIMAL,
        /** Shortest exact decimal or {@code 1.5e+20} form, {@code NaN}, {@code Infinity}, {@code -Infinity}. */
        REAL,
        DOUBLE,
        /** The characters as they are; also the text form of types that have no portable kind. */
        STRING,
        /** {@code \x} and two lowercase hex digits per byte. */
        BINARY,
        /** {@code 2024-02-29}, {@code 0044-03-15 BC}, {@code infinity}, {@code -infinity}. */
        DATE,
        /** {@code 13:45:00.123456}; {@code 24:00:00} is allowed. */
        TIME,
        /** {@code 13:45:00+02} or {@code 13:45:00.5-03:30}. */
        TIME_TZ,
        /** {@code 2024-02-29 13:45:00.123456}, with {@code BC} and the infinities as for dates. */
        TIMESTAMP,
        /** {@code 2024-02-29 11:45:00.123456+00}, always in UTC, or an infinity. */
        TIMESTAMP_TZ,
        /** ISO 8601 duration such as {@code P1Y2M3DT4H5M6.5S}; parts may be negative. */
        INTERVAL,
        /** {@code 0e6d1a6e-...} in lowercase. */
        UUID,
        /** JSON text. */
        JSON,
        /** An array in the source's array text form (PostgreSQL: {@code {1,NULL,"a b"}}). */
        ARRAY
    }
}
