package io.millrace.project;

import java.util.List;
import java.util.Map;

/**
 * How a storage task keeps current and history tables of a landing task's tables.
 *
 * @param landingTask the id of the landing task, in the same project, whose landed tables it reads
 * @param history whether to keep type-2 history ({@code T_history}) besides the current tables
 * @param applyIntervalSeconds how long applied changes may lag: 0 applies continuously in small
 *     batches, N applies every N seconds
 * @param applySchedule instead of an interval, when to apply: a cron expression in UTC such as
 *     {@code 0 2 * * *}, or {@code every 15m}
 * @param keyColumns for tables without a primary key, by {@code schema.table}: the columns that
 *     identify a row, so that the table can be stored
 * @param appliedChangesRetentionHours how long applied changes stay in the landing change tables
 *     ({@code T__ct}) after their source commit: 0 removes them once applied; 168 (a week) unless
 *     given
 */
public record StorageSettings(
        String landingTask,
        Boolean history,
        Integer applyIntervalSeconds,
        String applySchedule,
        Map<String, List<String>> keyColumns,
        Integer appliedChangesRetentionHours) {
    /** The retention of applied changes unless one is given: a week. */
    public static final int DEFAULT_RETENTION_HOURS = 168;

    public StorageSettings {
        keyColumns = keyColumns == null ? Map.of() : Map.copyOf(keyColumns);
    }

    /** Whether history is kept; it is unless switched off. */
    public boolean keepsHistory() {
        return history == null || history;
    }

    /** How long applied changes stay in the landing zone, in hours. */
    public int retentionHours() {
        return appliedChangesRetentionHours == null ? DEFAULT_RETENTION_HOURS : appliedChangesRetentionHours;
    }

    /** The interval in seconds, 0 when none was given. */
    public int intervalSeconds() {
        return applyIntervalSeconds == null ? 0 : applyIntervalSeconds;
    }
}
