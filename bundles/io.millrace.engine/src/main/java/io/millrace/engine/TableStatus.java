package io.millrace.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far one table of a landing task is.
 *
 * @param schema the source schema
 * @param table the source table, and the name it lands under
 * @param rowsLoaded rows written by the full load so far
 * @param estimatedRows the source's estimate of the table's rows, when it has one
 * @param rangesLoaded key ranges loaded, of {@code ranges}
 * @param ranges key ranges the full load reads
 * @param changesLanded changes written to {@code T__ct} since the task started
 * @param note what a user should know about the table, such as that it has no primary key
 * @param lastApplyAt storage: when changes were last applied to the table's current and history
 * @param changesApplied storage: changes applied since the task started
 * @param pendingChanges storage: landed changes not yet applied, as of the last apply
 * @param lagMillis storage: how long the oldest change not yet applied has waited since its source
 *     commit, as of the last apply
 */
public record TableStatus(
        String schema,
        String table,
        long rowsLoaded,
        OptionalLong estimatedRows,
        int rangesLoaded,
        int ranges,
        long changesLanded,
        Optional<String> note,
        Optional<Instant> lastApplyAt,
        long changesApplied,
        OptionalLong pendingChanges,
        OptionalLong lagMillis) {
    public TableStatus {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(estimatedRows, "estimatedRows");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(lastApplyAt, "lastApplyAt");
        Objects.requireNonNull(pendingChanges, "pendingChanges");
        Objects.requireNonNull(lagMillis, "lagMillis");
    }
}
