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

    /** The families of values Millrace moves between systems. */
    public enum Kind {
        BOOLEAN,
        SMALLINT,
        INTEGER,
        BIGINT,
        /** Exact decimal; without a precision, any number of digits (and, from PostgreSQL, NaN). */
        DECIMAL,
        REAL,
        DOUBLE,
        STRING,
        BINARY,
        DATE,
        TIME,
        TIME_TZ,
        TIMESTAMP,
        TIMESTAMP_TZ,
        INTERVAL,
        UUID,
        JSON,
        /** An array of values of one type, held as JSON in targets without arrays. */
        ARRAY
    }
}
