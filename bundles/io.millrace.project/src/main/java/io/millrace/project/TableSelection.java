package io.millrace.project;

import io.millrace.connector.api.TableDescription;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which source tables a task moves: tables named one by one, and tables matching {@code include}
 * patterns but no {@code exclude} pattern. A pattern is {@code schema.table} with SQL LIKE
 * wildcards in each part ({@code %} any characters, {@code _} one), such as {@code public.%}; it is
 * split at its first dot. Names and patterns are case-sensitive.
 *
 * @param tables tables chosen by name, moved whatever the patterns say
 * @param include patterns of tables to move
 * @param exclude patterns of tables not to move, among those that {@code include} matches
 */
public record TableSelection(List<TableName> tables, List<String> include, List<String> exclude) {
    public TableSelection {
        tables = tables == null ? List.of() : List.copyOf(tables);
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /** Whether the selection names nothing at all. */
    public boolean selectsNothing() {
        return tables.isEmpty() && include.isEmpty();
    }

    public boolean matches(String schema, String table) {
        return tables.contains(new TableName(schema, table))
                || (include.stream().anyMatch(pattern -> like(pattern, schema, table))
                        && exclude.stream().noneMatch(pattern -> like(pattern, schema, table)));
    }

    /** The tables of a catalog that the selection matches, in catalog order. */
    public List<TableDescription> select(List<TableDescription> catalog) {
        return catalog.stream()
                .filter(table -> matches(table.schema(), table.name()))
                .toList();
    }

    /** Whether a pattern is {@code schema.table} with a dot; patterns without one match nothing. */
    public static boolean isPattern(String pattern) {
        return pattern != null && pattern.indexOf('.') > 0 && pattern.indexOf('.') < pattern.length() - 1;
    }

    private static boolean like(String pattern, String schema, String table) {
        if (!isPattern(pattern)) {
            return false;
        }
        int dot = pattern.indexOf('.');
        return regex(pattern.substring(0, dot)).matcher(schema).matches()
                && regex(pattern.substring(dot + 1)).matcher(table).matches();
    }

    private static Pattern regex(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
