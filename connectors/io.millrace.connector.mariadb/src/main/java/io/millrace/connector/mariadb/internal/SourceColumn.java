package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A column as MariaDB's information_schema describes it: what reading its values needs beyond the
 * portable type (signedness, character set, the labels of an enum or set, a bit count).
 *
 * @param name the column's name as the server spells it
 * @param dataType such as {@code int} or {@code varchar}, lowercase
 * @param columnType the full type, such as {@code int(10) unsigned} or {@code enum('a','b')}
 * @param charset the character set of a text column; empty for other columns
 * @param json whether the column holds JSON (MySQL's json type, MariaDB's json_valid check)
 * @param nullable whether it may hold NULL
 */
record SourceColumn(
        String name, String dataType, String columnType, Optional<String> charset, boolean json, boolean nullable) {

    /**
     * A column as a catalog's description gives it, for reading it in a snapshot: the type comes
     * from the source type that the catalog recorded.
     */
    static SourceColumn of(ColumnDescription column) {
        String type = column.sourceType().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < type.length() && Character.isLetter(type.charAt(end))) {
            end++;
        }
        return new SourceColumn(
                column.name(),
                type.substring(0, end),
                column.sourceType(),
                Optional.empty(),
                column.type().kind() == Kind.JSON,
                column.nullable());
    }

    boolean unsigned() {
        return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
    }

    boolean temporalWithZero() {
        return dataType.equals("date") || dataType.equals("datetime") || dataType.equals("timestamp");
    }

    boolean spatial() {
        return switch (dataType) {
            case "geometry",
                    "point",
                    "linestring",
                    "polygon",
                    "multipoint",
                    "multilinestring",
                    "multipolygon",
                    "geometrycollection",
                    "geomcollection" -> true;
            default -> false;
        };
    }

    /** Whether values are bytes without a character set, shown in hex. */
    boolean binary() {
        return switch (dataType) {
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> true;
            default -> spatial();
        };
    }

    /** The bits of a {@code bit(n)} column. */
    int bitLength() {
        return parenthesized().map(Integer::parseInt).orElse(1);
    }

    /** The labels of an enum or set, in declaration order (an enum's value 1 is the first). */
    List<String> labels() {
        String inside = parenthesized().orElse("");
        List<String> labels = new ArrayList<>();
        StringBuilder label = null;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                }
            } else if (c == '\'' && i + 1 < inside.length() && inside.charAt(i + 1) == '\'') {
                label.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < inside.length()) {
                label.append(inside.charAt(++i));
            } else if (c == '\'') {
                labels.add(label.toString());
                label = null;
            } else {
                label.append(c);
            }
        }
        return labels;
    }

    private Optional<String> parenthesized() {
        int open = columnType.indexOf('(');
        int close = columnType.lastIndexOf(')');
        return open >= 0 && close > open ? Optional.of(columnType.substring(open + 1, close)) : Optional.empty();
    }

    ColumnDescription describe() {
        return new ColumnDescription(name, columnType, portable(), nullable);
    }

    /** The portable kind that holds every value of the column exactly. */
    PortableType portable() {
        if (json) {
            return PortableType.of(Kind.JSON);
        }
        boolean unsigned = unsigned();
        return switch (dataType) {
            // TINYINT(1) is MySQL's BOOLEAN, but it holds -128 to 127: a boolean would lose values.
            case "tinyint" -> PortableType.of(Kind.SMALLINT);
            case "smallint" -> PortableType.of(unsigned ? Kind.INTEGER : Kind.SMALLINT);
            case "mediumint" -> PortableType.of(Kind.INTEGER);
            case "int", "integer" -> PortableType.of(unsigned ? Kind.BIGINT : Kind.INTEGER);
            case "bigint" -> unsigned ? PortableType.decimal(20, 0) : PortableType.of(Kind.BIGINT);
            case "decimal", "numeric" -> decimal();
            case "float" -> PortableType.of(Kind.REAL);
            case "double", "real" -> PortableType.of(Kind.DOUBLE);
            case "year" -> PortableType.of(Kind.SMALLINT);
            case "date" -> PortableType.of(Kind.DATE);
            case "datetime" -> withPrecision(Kind.TIMESTAMP);
            // TIMESTAMP is stored in UTC and shown in the session's time zone: a point in time.
            case "timestamp" -> withPrecision(Kind.TIMESTAMP_TZ);
            // TIME is a duration from -838:59:59 to 838:59:59, more than a time of day holds.
            case "time" -> PortableType.of(Kind.INTERVAL);
            case "char", "varchar" ->
                parenthesized()
                        .map(length -> PortableType.string(Integer.parseInt(length)))
                        .orElse(PortableType.of(Kind.STRING));
            case "binary", "varbinary" ->
                parenthesized()
                        .map(length -> new PortableType(
                                Kind.BINARY,
                                OptionalInt.of(Integer.parseInt(length)),
                                OptionalInt.empty(),
                                OptionalInt.empty()))
                        .orElse(PortableType.of(Kind.BINARY));
            case "tinyblob", "blob", "mediumblob", "longblob" -> PortableType.of(Kind.BINARY);
            case "json" -> PortableType.of(Kind.JSON);
            // bit strings as '0'/'1' digits, enums and sets by their labels, text, inet6, ...
            default -> spatial() ? PortableType.of(Kind.BINARY) : PortableType.of(Kind.STRING);
        };
    }

    private PortableType decimal() {
        String[] digits = parenthesized().orElse("10,0").split(",");
        return PortableType.decimal(
                Integer.parseInt(digits[0].trim()), digits.length > 1 ? Integer.parseInt(digits[1].trim()) : 0);
    }

    private PortableType withPrecision(Kind kind) {
        return new PortableType(
                kind,
                OptionalInt.empty(),
                OptionalInt.of(parenthesized().map(Integer::parseInt).orElse(0)),
                OptionalInt.empty());
    }
}
