package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SELECT statements that read a table, quoted as the database asks ({@link
 * java.sql.DatabaseMetaData#getIdentifierQuoteString()}), with values bound as parameters of their
 * column's type.
 */
final class TableQueries {
    private final String quote;

    TableQueries(Connection connection) throws SQLException {
        String quoteString = connection.getMetaData().getIdentifierQuoteString();
        this.quote = quoteString == null || quoteString.isBlank() ? "" : quoteString.strip();
    }

    /** A statement and the values it binds, in order. */
    record Query(String sql, List<Object> parameters) {
        PreparedStatement prepare(Connection connection) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement;
        }
    }

    String quote(String identifier) {
        return quote.isEmpty() ? identifier : quote + identifier.replace(quote, quote + quote) + quote;
    }

    String qualified(TableDescription table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    String columns(TableDescription table) {
        return table.columns().stream().map(column -> quote(column.name())).collect(Collectors.joining(", "));
    }

    /** The rows of a key range. */
    Query range(TableDescription table, KeyRange range) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (!range.from().isEmpty()) {
            conditions.add(compare(table, range.from(), ">", ">=", parameters));
        }
        if (!range.to().isEmpty()) {
            conditions.add(compare(table, range.to(), "<", "<", parameters));
        }
        return new Query(
                "SELECT " + columns(table) + " FROM " + qualified(table)
                        + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)),
                parameters);
    }

    /** The rows whose column is at least a value, or not NULL, in the column's order. */
    Query from(TableDescription table, String column, Optional<String> lowest) {
        String quoted = quote(column);
        return new Query(
                "SELECT " + columns(table) + " FROM " + qualified(table) + " WHERE " + quoted
                        + (lowest.isPresent() ? " >= ?" : " IS NOT NULL") + " ORDER BY " + quoted,
                lowest.map(value -> List.of(JdbcValues.parameter(value, kind(table, column))))
                        .orElse(List.of()));
    }

    /** The highest value of a column. */
    String highest(TableDescription table, String column) {
        return "SELECT MAX(" + quote(column) + ") FROM " + qualified(table);
    }

    /** The first key column's values in order, for choosing range bounds. */
    String firstKeyColumn(TableDescription table) {
        String first = quote(table.primaryKey().get(0));
        return "SELECT " + first + " FROM " + qualified(table) + " ORDER BY " + first;
    }

    String count(TableDescription table) {
        return "SELECT COUNT(*) FROM " + qualified(table);
    }

    /**
     * The leading key columns compared with a bound as rows compare, written out for databases
     * without row comparison: {@code (a > ?) OR (a = ? AND b >= ?)}.
     */
    private String compare(TableDescription table, List<String> bound, String strict, String last, List<Object> out) {
        if (bound.size() > table.primaryKey().size()) {
            throw new IllegalArgumentException("A key range of " + table.name() + " has " + bound.size()
                    + " values, more than its key's " + table.primaryKey().size() + " columns");
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(quote(table.primaryKey().get(j)) + " = ?");
                out.add(keyValue(table, j, bound.get(j)));
            }
            parts.add(quote(table.primaryKey().get(i)) + " " + (i == bound.size() - 1 ? last : strict) + " ?");
            out.add(keyValue(table, i, bound.get(i)));
            alternatives.add("(" + String.join(" AND ", parts) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static Object keyValue(TableDescription table, int index, String text) {
        return JdbcValues.parameter(text, kind(table, table.primaryKey().get(index)));
    }

    static Kind kind(TableDescription table, String column) {
        return table.columns().stream()
                .filter(candidate -> candidate.name().equals(column))
                .map(ColumnDescription::type)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "The column " + column + " is not a column of " + table.schema() + "." + table.name()))
                .kind();
    }
}
