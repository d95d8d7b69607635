package io.millrace.engine.internal;

import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.TableDescription;
import io.millrace.engine.TaskState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one storage task: applies the changes its landing task landed, table by table, every
 * interval (or continuously in small batches), and at once when asked to.
 */
final class StorageTaskRunner extends TaskRun {
    private static final Logger LOG = LoggerFactory.getLogger(StorageTaskRunner.class);
    /** The pause between applies of a task that applies continuously. */
    private static final Duration CONTINUOUS = Duration.ofSeconds(1);
    /** How often the tables are looked up again, to store the columns the source gained. */
    private static final Duration REFRESH = Duration.ofSeconds(30);
    /** How often applied changes past their retention are removed from the landing zone. */
    private static final Duration PRUNE = Duration.ofMinutes(1);
    /** How often pending changes are counted between applies. */
    private static final Duration MEASURE = Duration.ofSeconds(5);

    private final Supplier<StorageJob> resolver;
    private final boolean once;
    private volatile boolean applyNow;

    /**
     * @param once whether to apply a single time and stop, for an apply requested while the task is
     *     stopped
     */
    StorageTaskRunner(String taskId, Supplier<StorageJob> resolver, boolean once) {
        super(taskId);
        this.resolver = resolver;
        this.once = once;
    }

    @Override
    boolean retries() {
        return !once;
    }

    /** Applies the pending changes now instead of at the end of the interval. */
    void applyNow() {
        applyNow = true;
    }

    @Override
    void attempt() throws Exception {
        StorageJob job = resolver.get();
        progress.describe(Optional.empty(), job.tables());
        StorageLayout layout = new StorageLayout(job.target(), job.project(), job.sourceConnector());
        StorageApply apply = new StorageApply(layout);
        try (Connection target = job.target().open(job.targetSettings())) {
            List<TableDescription> tables = prepare(target, layout, job.tables());
            progress.state(TaskState.RUNNING);
            progress.clearError();
            long nextRefresh = System.nanoTime() + REFRESH.toNanos();
            long nextPrune = System.nanoTime();
            do {
                Instant cycleStart = Instant.now();
                if (System.nanoTime() >= nextRefresh || needsPreparing(target, layout, tables)) {
                    tables = prepare(target, layout, resolver.get().tables());
                    nextRefresh = System.nanoTime() + REFRESH.toNanos();
                }
                applyNow = false;
                boolean waitingForLoad = false;
                for (TableDescription table : tables) {
                    if (!stopping) {
                        // Kept when the apply fails: the failure's log line is about this table.
                        MDC.put("table", table.schema() + "." + table.name());
                        waitingForLoad |= !applyTable(target, layout, apply, table, job.history());
                        MDC.remove("table");
                    }
                }
                if (System.nanoTime() >= nextPrune) {
                    for (TableDescription table : tables) {
                        long removed = apply.prune(target, table, job.retention());
                        if (removed > 0) {
                            LOG.debug(
                                    "Storage task {} removed {} applied changes of {}", taskId, removed, table.name());
                        }
                    }
                    // A short retention is kept to closely: the fewer changes wait, the cheaper each removal.
                    nextPrune = System.nanoTime()
                            + Math.min(PRUNE.toNanos(), job.retention().toNanos());
                }
                // A table still loading is looked at again soon, whatever the schedule.
                Instant next = waitingForLoad || job.schedule().isEmpty()
                        ? cycleStart.plus(CONTINUOUS)
                        : job.schedule().get().next(cycleStart).orElse(Instant.MAX);
                waitForNextApply(next, target, layout, tables);
            } while (!stopping && !once);
        }
    }

    /**
     * The tables to store, as landing has them (with the columns landing has added so far), their
     * storage tables and views created or given new columns. Tables without a key are left out.
     */
    private List<TableDescription> prepare(Connection target, StorageLayout layout, List<TableDescription> tables)
            throws SQLException {
        List<TableDescription> stored = new ArrayList<>();
        for (TableDescription table : tables) {
            if (progress.table(table.schema(), table.name()) == null) {
                progress.include(List.of(table)); // new in the source since the task started
            }
            TaskProgress.TableProgress counters = progress.table(table.schema(), table.name());
            if (table.primaryKey().isEmpty()) {
                counters.notice =
                        "The table has no primary key, so it is not stored; its changes stay in the landing zone";
                continue;
            }
            if (!layout.hasLanded(target, table)) {
                // Started together with its landing task: tried again in a moment.
                throw new ConnectorException(
                        "The landing tables of " + table.schema() + "." + table.name()
                                + " do not exist yet; waiting for the landing task to create them",
                        null,
                        true);
            }
            TableDescription landed = layout.landedShape(target, table);
            // Types first: views over columns of two incompatible types cannot be made.
            followTypes(target, layout, landed);
            layout.create(target, landed);
            stored.add(landed);
        }
        return stored;
    }

    private static boolean needsPreparing(Connection target, StorageLayout layout, List<TableDescription> tables)
            throws SQLException {
        for (TableDescription table : tables) {
            if (layout.needsPreparing(target, table)) {
                return true;
            }
        }
        return false;
    }

    /** @return false while the table's full load has not finished, so nothing could be applied */
    private boolean applyTable(
            Connection target, StorageLayout layout, StorageApply apply, TableDescription table, boolean history)
            throws SQLException {
        TaskProgress.TableProgress counters = progress.table(table.schema(), table.name());
        AtomicLong applied = new AtomicLong();
        LongConsumer committed = cycle -> {
            applied.addAndGet(cycle);
            counters.changesApplied.addAndGet(cycle);
        };
        boolean started;
        try {
            started = apply.apply(target, table, history, committed);
        } catch (SQLException e) {
            // Landing's columns may have changed type for a source type change: storage follows.
            target.setAutoCommit(true);
            TableDescription current = resolver.get().tables().stream()
                    .filter(candidate -> candidate.is(table.schema(), table.name()))
                    .findFirst()
                    .map(candidate -> withKey(candidate, table.primaryKey()))
                    .orElse(table);
            TableDescription landed = layout.landedShape(target, current);
            if (!followTypes(target, layout, landed)) {
                throw e;
            }
            started = apply.apply(target, landed, history, committed);
        }
        target.setAutoCommit(true);
        if (!started) {
            return false;
        }
        counters.lastApplyAt = Instant.now();
        measurePending(target, layout, table);
        if (applied.get() > 0) {
            LOG.debug("Storage task {} applied {} changes to {}", taskId, applied.get(), table.name());
        }
        return true;
    }

    /**
     * Gives the storage tables the column types landing has now: wider ones, or, where landing made
     * the table anew with types they cannot take, storage tables made anew too, the old ones kept
     * under other names. False when the types were the same already.
     */
    private boolean followTypes(Connection target, StorageLayout layout, TableDescription landed) throws SQLException {
        try {
            if (layout.widen(target, landed).isEmpty()) {
                return false;
            }
            LOG.info("Storage task {}: {} has wider types now", taskId, landed.name());
        } catch (SQLException incompatible) {
            target.setAutoCommit(true);
            String kept = layout.restart(target, landed);
            progress.table(landed.schema(), landed.name()).notice = "Started anew at " + Instant.now()
                    + " for column types the earlier storage tables cannot take; the versions before are in " + kept;
            LOG.warn(
                    "Storage task {} starts {} anew for new column types; the versions before are in {}",
                    taskId,
                    landed.name(),
                    kept);
        }
        return true;
    }

    private static TableDescription withKey(TableDescription table, List<String> key) {
        return new TableDescription(
                table.schema(), table.name(), table.partitioned(), table.columns(), key, table.estimatedRows());
    }

    /** How many changes wait to be applied, and since when: the table's lag. */
    private void measurePending(Connection target, StorageLayout layout, TableDescription table) throws SQLException {
        TaskProgress.TableProgress counters = progress.table(table.schema(), table.name());
        try (Statement statement = target.createStatement();
                ResultSet pending = statement.executeQuery(layout.pendingQuery(table))) {
            pending.next();
            counters.pendingChanges = pending.getLong(1);
            OffsetDateTime oldest = pending.getObject(2, OffsetDateTime.class);
            counters.lagMillis = oldest == null
                    ? 0
                    : Math.max(
                            0,
                            Duration.between(oldest.toInstant(), Instant.now()).toMillis());
        }
    }

    /** Waits for the next apply, measuring the pending changes now and then so the status stays true. */
    private void waitForNextApply(Instant next, Connection target, StorageLayout layout, List<TableDescription> tables)
            throws SQLException {
        Instant nextMeasure = Instant.now().plus(MEASURE);
        while (!stopping && !once && !applyNow && Instant.now().isBefore(next)) {
            sleep(POLL);
            if (Instant.now().isAfter(nextMeasure)) {
                for (TableDescription table : tables) {
                    measurePending(target, layout, table);
                }
                nextMeasure = Instant.now().plus(MEASURE);
            }
        }
    }
}
