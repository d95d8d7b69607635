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
    private final Optional<String> captureName;
    private final Map<List<String>, TableProgress> tables = new ConcurrentHashMap<>();
    private final List<List<String>> order = new ArrayList<>();
    private volatile TaskState state = TaskState.STARTING;
    private volatile String position;
    private volatile String lastError;
    private volatile Instant lastChangeAt;
    private volatile long latencyMillis = -1;
    private final AtomicLong changesLanded = new AtomicLong();

    TaskProgress(String taskId, Optional<String> captureName, List<TableDescription> described) {
        this.taskId = taskId;
        this.captureName = captureName;
        for (TableDescription table : described) {
            List<String> key = List.of(table.schema(), table.name());
            order.add(key);
            tables.put(key, new TableProgress(table));
        }
    }

    TableProgress table(String schema, String name) {
        return tables.get(List.of(schema, name));
    }

    void state(TaskState state) {
        this.state = state;
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

    void position(String position) {
        this.position = position;
    }

    void addChanges(long count) {
        changesLanded.addAndGet(count);
    }

    TaskStatus status() {
        List<TableStatus> statuses = new ArrayList<>();
        for (List<String> key : order) {
            statuses.add(tables.get(key).status());
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
                statuses);
    }

    /** Counters of one table. */
    static final class TableProgress {
        private final TableDescription table;
        final AtomicLong rowsLoaded = new AtomicLong();
        final AtomicInteger rangesLoaded = new AtomicInteger();
        final AtomicInteger ranges = new AtomicInteger();
        final AtomicLong changesLanded = new AtomicLong();

        TableProgress(TableDescription table) {
            this.table = table;
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
                    table.primaryKey().isEmpty()
                            ? Optional.of("The table has no primary key: it lands in full and with every change,"
                                    + " but storage needs key columns chosen for it")
                            : Optional.empty());
        }
    }
}
