package io.millrace.engine.internal;

import io.millrace.connector.api.TableDescription;
import io.millrace.scheduler.Schedule;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an incremental landing task reads by and when: each table's monotonic column, and the
 * schedule of its runs.
 *
 * @param columns the monotonic column by table, as {@code [schema, name]}
 */
record Increments(Map<List<String>, String> columns, Schedule schedule) {
    Increments {
        columns = Map.copyOf(columns);
        Objects.requireNonNull(schedule, "schedule");
    }

    /** The table's monotonic column. */
    String column(TableDescription table) {
        String column = columns.get(List.of(table.schema(), table.name()));
        if (column == null) {
            throw new IllegalStateException(
                    "The table " + table.schema() + "." + table.name() + " has no monotonic column to read by");
        }
        return column;
    }

    /** What users must know: the rule, the schedule, and that deletes are not seen. */
    String notice() {
        return "Incremental: every run (" + schedule.text() + ") lands the rows whose monotonic column is at or"
                + " above the highest value landed before, as upserts. Rows deleted in the source are not seen and"
                + " stay in the target; reload a table to remove them";
    }
}
