package io.millrace.connector.h2.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes into H2 with column types that hold every portable value exactly, and batched inserts of
 * values bound as Java objects. Where H2 has no equal value the nearest is written: {@code infinity}
 * and {@code -infinity} dates and timestamps become the latest and earliest that java.time and H2
 * hold (+999999999-12-31 at the column's last time of day, and -999999999-01-01); PostgreSQL's
 * {@code 24:00:00} becomes the column's last time of day (23:59:59.999999 at six digits); and H2
 * stores a real or double {@code -0} as {@code 0}. NaN and infinities of a decimal with a precision
 * are refused, as NUMERIC holds none.
 */
final class H2TargetDialect implements TargetDialect {
    private final H2ConnectorProvider connector;

    H2TargetDialect(H2ConnectorProvider connector) {
        this.connector = connector;
    }

    /** H2's MAX_IDENTIFIER_LENGTH, by default. */
    @Override
    public int maxIdentifierLength() {
        return 256;
    }

    /** H2 connections start in auto-commit mode. */
    @Override
    public Connection open(ConnectionSettings settings) throws SQLException {
        return connector.open(settings);
    }

    /** H2 has no source types of its own to keep, so every column maps by its portable type. */
    @Override
    public String columnType(ColumnDescription column, String sourceConnector) {
        PortableType type = column.type();
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case DECIMAL ->
                type.precision().isPresent()
                        ? "NUMERIC(" + type.precision().getAsInt() + ","
                                + type.scale().orElse(0) + ")"
                        // DECFLOAT holds NaN and the infinities, which NUMERIC cannot.
                        : "DECFLOAT";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE PRECISION";
            case STRING ->
                type.length().isPresent() ? "CHARACTER VARYING(" + type.length().getAsInt() + ")" : "CHARACTER VARYING";
            case BINARY -> "BINARY VARYING";
            case DATE -> "DATE";
            case TIME -> "TIME(" + CanonicalValues.fractionDigits(type) + ")";
            case TIME_TZ -> "TIME(" + CanonicalValues.fractionDigits(type) + ") WITH TIME ZONE";
            case TIMESTAMP -> "TIMESTAMP(" + CanonicalValues.fractionDigits(type) + ")";
            case TIMESTAMP_TZ -> "TIMESTAMP(" + CanonicalValues.fractionDigits(type) + ") WITH TIME ZONE";
            // ISO 8601 durations and source array texts are kept as text: H2's intervals cannot mix
            // months with days, and its arrays have no text form of PostgreSQL's.
            case INTERVAL, ARRAY -> "CHARACTER VARYING";
            case UUID -> "UUID";
            case JSON -> "JSON";
        };
    }

    @Override
    public RowWriter rowWriter(Connection connection, String schema, String table, List<ColumnDescription> columns)
            throws SQLException {
        String insert = "INSERT INTO " + qualify(schema, table) + " ("
                + columns.stream().map(column -> quote(column.name())).collect(Collectors.joining(", "))
                + ") VALUES ("
                + columns.stream()
                        // Without FORMAT JSON, H2 would store the text as a JSON string.
                        .map(column -> column.type().kind() == PortableType.Kind.JSON ? "? FORMAT JSON" : "?")
                        .collect(Collectors.joining(", "))
                + ")";
        return new BatchInsertWriter(connection.prepareStatement(insert), columns);
    }
}
