package io.millrace.engine;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a task is doing, for users watching it.
 *
 * @param taskId the task
 * @param state where it is in its life
 * @param captureName the source's capture (PostgreSQL: replication slot and publication), if any
 * @param position the last source position committed in the target
 * @param latencyMillis from source commit to landing, of the transaction that waited longest in
 *     the last landed batch
 * @param changesLanded changes landed since the task started
 * @param lastChangeAt when the last change was landed
 * @param lastError the error that stopped or is delaying the task, with its cause
 * @param tables progress per table
 * @param notice what a user must know about how the task works, such as that incremental landing
 *     does not see rows deleted in the source
 * @param nextRunAt incremental landing: when the next run starts, by the schedule, or sooner to
 *     retry a failed run or for a run asked for now; empty while a scheduled run is in progress,
 *     since the schedule counts on from its end
 * @param failedRuns incremental landing: how many runs failed in a row; each is retried after a
 *     growing pause, and a run that succeeds sets it back to 0
 */
public record TaskStatus(
        String taskId,
        TaskState state,
        Optional<String> captureName,
        Optional<String> position,
        OptionalLong latencyMillis,
        long changesLanded,
        Optional<Instant> lastChangeAt,
        Optional<String> lastError,
        List<TableStatus> tables,
        Optional<String> notice,
        Optional<Instant> nextRunAt,
        int failedRuns) {
    public TaskStatus {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(captureName, "captureName");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(latencyMillis, "latencyMillis");
        Objects.requireNonNull(lastChangeAt, "lastChangeAt");
        Objects.requireNonNull(lastError, "lastError");
        tables = List.copyOf(tables);
        Objects.requireNonNull(notice, "notice");
        Objects.requireNonNull(nextRunAt, "nextRunAt");
    }

    /** A status without incremental runs, as before there were any (version 0.3). */
    public TaskStatus(
            String taskId,
            TaskState state,
            Optional<String> captureName,
            Optional<String> position,
            OptionalLong latencyMillis,
            long changesLanded,
            Optional<Instant> lastChangeAt,
            Optional<String> lastError,
            List<TableStatus> tables,
            Optional<String> notice) {
        this(
                taskId,
                state,
                captureName,
                position,
                latencyMillis,
                changesLanded,
                lastChangeAt,
                lastError,
                tables,
                notice,
                Optional.empty(),
                0);
    }

    /** A status without a notice, as before there were any. */
    public TaskStatus(
            String taskId,
            TaskState state,
            Optional<String> captureName,
            Optional<String> position,
            OptionalLong latencyMillis,
            long changesLanded,
            Optional<Instant> lastChangeAt,
            Optional<String> lastError,
            List<TableStatus> tables) {
        this(
                taskId,
                state,
                captureName,
                position,
                latencyMillis,
                changesLanded,
                lastChangeAt,
                lastError,
                tables,
                Optional.empty());
    }
}
