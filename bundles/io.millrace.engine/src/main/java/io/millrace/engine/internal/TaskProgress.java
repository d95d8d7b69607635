package io.millrace.engine.internal;

import io.millrace.connector.api.TableDescription;
import io.millrace.engine.TableStatus;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters of one task run, written by its threads and read for {@link TaskStatus}. */
final class TaskProgress {
    private final String taskId;
    private volatile Optional<String> captureName = Optional.empty();
    private volatile Map<List<String>, TableProgress> tables = Map.of();
    private volatile List<List<String>> order = List.of();
    private volatile TaskState state = TaskState.STARTING;
    private volatile String position;
    private volatile String lastError;
    private volatile Instant lastChangeAt;
    private volatile long latencyMillis = -1;
    private volatile String notice;
    private volatile Instant landedUpTo;
    private volatile Instant nextRunAt;
    private volatile int failedRuns;
    private final AtomicLong changesLanded = new AtomicLong();

    TaskProgress(String taskId) {
        this.taskId = taskId;
    }

    /**
     * Sets what the task works on when an attempt of the run begins. A table's counters go on from
     * the run's earlier attempts: they count since the task started, and an attempt after a
     * failure is not a start (the user would see applied changes fall back to the last few).
     */
    void describe(Optional<String> captureName, List<TableDescription> described) {
        Map<List<String>, TableProgress> progress = new ConcurrentHashMap<>();
        List<List<String>> keys = new ArrayList<>();
        for (TableDescription table : described) {
            List<String> key = List.of(table.schema(), table.name());
            keys.add(key);
            TableProgress earlier = tables.get(key);
            progress.put(key, earlier == null ? new TableProgress(table) : earlier.describedAs(table));
        }
        this.tables = progress;
        this.order = List.copyOf(keys);
        this.captureName = captureName;
    }

    /** Adds counters for tables the task took on while running. */
    synchronized void include(List<TableDescription> added) {
        Map<List<String>, TableProgress> progress = new ConcurrentHashMap<>(tables);
        List<List<String>> keys = new ArrayList<>(order);
        for (TableDescription table : added) {
            List<String> key = List.of(table.schema(), table.name());
            if (progress.putIfAbsent(key, new TableProgress(table)) == null) {
                keys.add(key);
            }
        }
        this.tables = progress;
        this.order = List.copyOf(keys);
    }

    TableProgress table(String schema, String name) {
        return tables.get(List.of(schema, name));
    }

    /** @throws IllegalStateException when the task's lifecycle does not allow the change */
    synchronized void state(TaskState next) {
        if (!state.canBecome(next)) {
            throw new IllegalStateException(
                    "Task " + taskId + " cannot go from " + state.label() + " to " + next.label());
        }
        this.state = next;
    }

    TaskState state() {
        return state;
    }

    void error(String message) {
        lastError = message;
    }

    void clearError() {
        lastError = null;
    }

    /** A transaction's changes were committed in the target. */
    void landed(String position, Instant sourceCommit, Instant landedAt) {
        this.position = position;
        this.lastChangeAt = landedAt;
        this.latencyMillis = Math.max(0, landedAt.toEpochMilli() - sourceCommit.toEpochMilli());
    }

    /**
     * Every change the source committed before {@code sourceTime} is landed: the commit time of
     * the last transaction landed, or a moment the stream had nothing more to give.
     */
    void landedUpTo(Instant sourceTime) {
        if (landedUpTo == null || sourceTime.isAfter(landedUpTo)) {
            landedUpTo = sourceTime;
        }
    }

    /** Up to when the source's changes are all landed, for comparisons that must not miss any. */
    Optional<Instant> landedUpTo() {
        return Optional.ofNullable(landedUpTo);
    }

    /** What a user must know about how the task works; null for nothing. */
    void notice(String notice) {
        this.notice = notice;
    }

    /** When the next incremental run starts. */
    void nextRunAt(Instant at) {
        this.nextRunAt = at;
    }

    /** How many incremental runs failed in a row; 0 when the last one succeeded. */
    void failedRuns(int count) {
        this.failedRuns = count;
    }

    void position(String position) {
        this.position = position;
    }

    void addChanges(long count) {
        changesLanded.addAndGet(count);
    }

    TaskStatus status() {
        Map<List<String>, TableProgress> current = tables;
        List<TableStatus> statuses = new ArrayList<>();
        for (List<String> key : order) {
            TableProgress table = current.get(key);
            if (table != null) {
                statuses.add(table.status());
            }
        }
        return new TaskStatus(
                taskId,
                state,
                captureName,
                Optional.ofNullable(position),
                latencyMillis < 0 ? OptionalLong.empty() : OptionalLong.of(latencyMillis),
                changesLanded.get(),
                Optional.ofNullable(lastChangeAt),
                Optional.ofNullable(lastError),
                statuses,
                Optional.ofNullable(notice),
                // Only a task landing increments has a next run.
                state == TaskState.INCREMENTAL ? Optional.ofNullable(nextRunAt) : Optional.empty(),
                failedRuns);
    }

    /** Counters of one table. */
    static final class TableProgress {
        private volatile TableDescription table;
        final AtomicLong rowsLoaded = new AtomicLong();
        final AtomicInteger rangesLoaded = new AtomicInteger();
        final AtomicInteger ranges = new AtomicInteger();
        final AtomicLong changesLanded = new AtomicLong();
        final AtomicLong changesApplied = new AtomicLong();
        volatile Instant lastApplyAt;
        volatile long pendingChanges = -1;
        volatile long lagMillis = -1;
        /** What the user must know about the table now (it is gone, it cannot be stored), if anything. */
        volatile String notice;

        TableProgress(TableDescription table) {
            this.table = table;
        }

        /** The same counters for the table as a new attempt found it; its notice is found again. */
        TableProgress describedAs(TableDescription described) {
            table = described;
            notice = null;
            return this;
        }

        TableStatus status() {
            return new TableStatus(
                    table.schema(),
                    table.name(),
                    rowsLoaded.get(),
                    table.estimatedRows(),
                    rangesLoaded.get(),
                    ranges.get(),
                    changesLanded.get(),
                    notice != null
                            ? Optional.of(notice)
                            : table.primaryKey().isEmpty()
                                    ? Optional.of("The table has no primary key: it lands in full and with every"
                                            + " change, but storage needs key columns chosen for it")
                                    : Optional.empty(),
                    Optional.ofNullable(lastApplyAt),
                    changesApplied.get(),
                    pendingChanges < 0 ? OptionalLong.empty() : OptionalLong.of(pendingChanges),
                    lagMillis < 0 ? OptionalLong.empty() : OptionalLong.of(lagMillis));
        }
    }
}
