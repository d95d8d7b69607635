package io.millrace.project;

import io.millrace.connector.api.TableDescription;
import java.util.Map;
import java.util.Optional;

/**
 * How a landing task in mode {@code incremental} finds the rows inserted or updated since its last
 * run, and when it runs. Each run reads the rows whose monotonic column is at or above the highest
 * value it landed before, so rows deleted in the source are never seen.
 *
 * @param column the monotonic column of every table: an updated-at timestamp set on every insert and
 *     update, or an increasing id for tables whose rows never change
 * @param columns for tables whose column has another name, by {@code schema.table}
 * @param schedule when to run: {@code every 15m} or a five-field cron expression in UTC
 */
public record IncrementalSettings(String column, Map<String, String> columns, String schedule) {
    public IncrementalSettings {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
    }

    /** The monotonic column of a table: its own if named in {@code columns}, else {@code column}. */
    public Optional<String> columnOf(TableDescription table) {
        String own = columns.get(table.schema() + "." + table.name());
        return Optional.ofNullable(own != null ? own : column).filter(name -> !name.isBlank());
    }
}
