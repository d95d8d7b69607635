package io.millrace.connector.api;

import java.util.Objects;

/**
 * A column of a table.
 *
 * @param name the name as the source spells it (case and all)
 * @param sourceType the type as the source names it, such as {@code character varying(40)}
 * @param type the portable type it maps to
 * @param nullable whether it may hold NULL
 */
public record ColumnDescription(String name, String sourceType, PortableType type, boolean nullable) {
    public ColumnDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(type, "type");
    }
}
