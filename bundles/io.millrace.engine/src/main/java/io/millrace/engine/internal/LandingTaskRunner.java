package io.millrace.engine.internal;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import io.millrace.engine.TaskState;
import io.millrace.engine.internal.LandingTables.Mark;
import io.millrace.engine.internal.LandingTables.PlannedRange;
import io.millrace.engine.internal.LandingTables.State;
import io.millrace.project.ProjectRejectedException;
import io.millrace.scheduler.Schedule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one landing task: creates the landing tables and the source capture, loads the tables in
 * key ranges, then lands changes until it is stopped: from the source's log, or, in incremental
 * mode, on the task's schedule by each table's monotonic column. Transient failures (a database
 * restarting, a broken connection) are retried with growing pauses, resuming from what the target
 * committed.
 */
final class LandingTaskRunner extends TaskRun {
    private static final Logger LOG = LoggerFactory.getLogger(LandingTaskRunner.class);
    /** How long changes may wait in an open batch before it is committed. */
    private static final Duration BATCH_TIME = Duration.ofMillis(250);
    /** How long a committed change may take from the source to the stream, at most, when all is well. */
    private static final Duration STREAM_TRANSIT = Duration.ofSeconds(1);
    /** The pause before a failed incremental run is tried again, doubled at every failure in a row. */
    private static final Duration FIRST_RUN_RETRY = Duration.ofSeconds(10);
    /** The longest pause between retries of a failed incremental run. */
    private static final Duration MAX_RUN_RETRY = Duration.ofMinutes(10);
    /** How long to wait for the target to answer whether its connection still works. */
    private static final int TARGET_CHECK_SECONDS = 5;

    private final Supplier<LandingJob> resolver;
    private final Duration catalogCheck;
    private final long maxRetainedBytes;
    /** How much of its log the source kept for the capture when that was over the limit; -1 while not. */
    private volatile long retainedOverLimit = -1;

    private volatile LandingJob job;
    private volatile LandingTables layout;
    private final ConcurrentLinkedQueue<List<String>> reloads = new ConcurrentLinkedQueue<>();
    /**
     * The job as the source's catalog describes it now, when that differs from what landing has
     * (tables that started to match the selection, changed column types): taken on at the next
     * pause of the stream.
     */
    private volatile LandingJob refreshedJob;
    /** An incremental run was asked for, to start without waiting for the schedule. */
    private volatile boolean runRequested;
    /** Incremental runs that failed in a row, and when the next retry starts; kept across attempts. */
    private int failedRuns;

    private Instant retryAt;
    /** The tables whose changes are not landed, by schema and name, with the reason. */
    private Map<List<String>, String> suspended = Map.of();

    /**
     * @param resolver what the task works on, resolved anew at every attempt: connections and the
     *     source's tables may be unreachable or changed between attempts
     * @param catalogCheck how often, while landing changes, the source's tables are looked up again
     *     to notice tables that were dropped
     */
    LandingTaskRunner(String taskId, Supplier<LandingJob> resolver, Duration catalogCheck) {
        this(taskId, resolver, catalogCheck, 0);
    }

    /**
     * @param maxRetainedBytes how much of its log the source may keep for the task's capture before
     *     the task drops the capture and stops, to keep the source's disk from filling; 0 for no
     *     limit
     */
    LandingTaskRunner(String taskId, Supplier<LandingJob> resolver, Duration catalogCheck, long maxRetainedBytes) {
        super(taskId);
        this.resolver = resolver;
        this.catalogCheck = catalogCheck;
        this.maxRetainedBytes = maxRetainedBytes;
    }

    LandingTaskRunner(LandingJob job) {
        this(job.taskId(), () -> job, Duration.ofMinutes(1));
    }

    @Override
    void attempt() throws Exception {
        resolve();
        // Also while the target is down and attempts fail: that is when the source's log grows.
        if (keepsTooMuch()) {
            dropCapture();
        }
        runOnce();
    }

    /** Whether the source keeps more of its log for the capture than the limit allows. */
    private boolean keepsTooMuch() {
        if (maxRetainedBytes <= 0 || !job.changeDataCapture()) {
            return false;
        }
        OptionalLong retained = capture().retainedBytes(job.sourceSettings(), job.captureName());
        if (retained.isPresent() && retained.getAsLong() > maxRetainedBytes) {
            retainedOverLimit = retained.getAsLong();
            return true;
        }
        return false;
    }

    /**
     * Drops the capture, once its stream is closed, and fails the task: a task far behind must not
     * fill the source's disk.
     */
    private void dropCapture() {
        capture().drop(job.sourceSettings(), job.captureName());
        throw new ConnectorException(
                "The source kept " + megabytes(retainedOverLimit) + " of its log for the replication slot "
                        + job.captureName() + ", more than the limit of " + megabytes(maxRetainedBytes)
                        + " (maxRetainedWalMegabytes in etc/io.millrace.engine.cfg), so the task dropped the slot"
                        + " to keep the source's disk from filling, and stopped. Changes since its last landed"
                        + " position are no longer in the source: delete the task and create it again to load"
                        + " the tables anew, and raise the limit if the task is to fall this far behind",
                null);
    }

    private static String megabytes(long bytes) {
        return (bytes / (1024 * 1024)) + " MB";
    }

    /** Loads a table again from the source, while changes keep landing. */
    void reload(String schema, String table) {
        reloads.add(List.of(schema, table));
        TaskProgress.TableProgress counters = progress.table(schema, table);
        if (counters != null) {
            // The status shows the reload from now on, not the rows of the load before.
            counters.rowsLoaded.set(0);
            counters.rangesLoaded.set(0);
        }
    }

    private void resolve() {
        LandingJob resolved = resolver.get();
        layout = new LandingTables(resolved.target(), resolved.landingSchema(), resolved.sourceConnector());
        progress.describe(
                resolved.changeDataCapture() ? Optional.of(resolved.captureName()) : Optional.empty(),
                resolved.tables());
        progress.notice(resolved.increments().map(Increments::notice).orElse(null));
        job = resolved;
    }

    private void runOnce() throws Exception {
        progress.state(TaskState.STARTING);
        try (Connection target = job.target().open(job.targetSettings())) {
            layout.create(target, job.tables());
            target.setAutoCommit(false);
            suspended = layout.suspended(target, job.taskId());
            suspended.forEach((table, reason) -> Optional.ofNullable(progress.table(table.get(0), table.get(1)))
                    .ifPresent(counters -> counters.notice = reason));
            Optional<State> state = layout.state(target, job.taskId());
            List<PlannedRange> ranges = layout.ranges(target, job.taskId());
            boolean unfinished = ranges.stream().anyMatch(range -> !range.loaded());
            // A plain full load starts over at every start; changes, from the log or by increments, go on.
            boolean fresh = state.isEmpty()
                    || (!job.changeDataCapture() && job.increments().isEmpty() && !unfinished && reloads.isEmpty());
            CaptureStart start = fresh && job.changeDataCapture()
                    ? capture().create(job.sourceSettings(), job.captureName(), job.tables())
                    : null;
            try {
                if (fresh) {
                    for (TableDescription table : job.tables()) {
                        if (suspended.containsKey(List.of(table.schema(), table.name()))) {
                            resume(target, table);
                        }
                        layout.planLoad(target, job.taskId(), table, split(table), 0);
                        layout.clearChanges(target, table);
                        markBeforeLoad(target, table);
                    }
                    layout.writeState(
                            target,
                            job.taskId(),
                            Optional.ofNullable(start).map(CaptureStart::position),
                            0,
                            Instant.now());
                    target.commit();
                } else if (job.changeDataCapture() && !capture().exists(job.sourceSettings(), job.captureName())) {
                    throw new ConnectorException(
                            "The capture " + job.captureName() + " is gone from the source (was its"
                                    + " replication slot dropped?), so changes since the last landed position are lost:"
                                    + " delete the task and create it again to load the tables anew",
                            null);
                } else if (job.increments().isPresent()) {
                    for (TableDescription table : job.tables()) {
                        addMissingColumns(target, table);
                    }
                    loadUnmarked(target);
                }
                planReloads(target);
                load(target, Optional.ofNullable(start));
            } finally {
                if (start != null) {
                    start.close();
                }
            }
            if (job.changeDataCapture()) {
                landChanges(target);
            } else if (job.increments().isPresent()) {
                landIncrements(target);
            }
        }
    }

    /**
     * Records a table's mark before its load reads it: the highest value of its monotonic column
     * now, and the rows that have it. Rows changed during the load get a higher value and are read
     * again by the next run, which storage absorbs. Nothing for a plain full load.
     */
    private void markBeforeLoad(Connection target, TableDescription table) throws SQLException {
        if (job.increments().isEmpty()) {
            return;
        }
        String column = job.increments().get().column(table);
        Mark mark;
        try (SnapshotReader reader = job.source().openSnapshot(job.sourceSettings(), Optional.empty())) {
            mark = IncrementalLanding.markNow(reader, table, column);
        }
        layout.writeMark(target, job.taskId(), table, mark);
    }

    /**
     * Loads the tables that have no mark yet: those that started to match the selection since the
     * task began.
     */
    private void loadUnmarked(Connection target) throws SQLException {
        for (TableDescription table : job.tables()) {
            if (layout.mark(target, job.taskId(), table).isEmpty()) {
                layout.planLoad(target, job.taskId(), table, split(table), lastSeq(target));
                markBeforeLoad(target, table);
                target.commit();
                LOG.info("Landing task {} takes on {}.{}", taskId, table.schema(), table.name());
            }
        }
    }

    /**
     * Lands increments on the task's schedule until it stops, loading tables again on request. A run
     * asked for now, or the retry of a failed run, comes between the scheduled ones, which go on as
     * before.
     */
    private void landIncrements(Connection target) throws Exception {
        Schedule schedule = job.increments().orElseThrow().schedule();
        progress.state(TaskState.INCREMENTAL);
        if (failedRuns == 0) {
            progress.clearError();
        }
        Optional<Instant> scheduled = schedule.next(Instant.now());
        while (!stopping) {
            Optional<Instant> next = Stream.of(scheduled, Optional.ofNullable(retryAt))
                    .flatMap(Optional::stream)
                    .min(Comparator.naturalOrder());
            if (next.isEmpty() && !runRequested) {
                return; // the schedule has no more runs
            }
            progress.nextRunAt(runRequested ? Instant.now() : next.get());
            while (!stopping
                    && reloads.isEmpty()
                    && !runRequested
                    && Instant.now().isBefore(next.get())) {
                sleep(POLL);
            }
            if (stopping) {
                return;
            }
            if (!reloads.isEmpty()) {
                planReloads(target);
                load(target, Optional.empty());
                progress.state(TaskState.INCREMENTAL);
                continue;
            }
            boolean due = scheduled.isPresent() && !Instant.now().isBefore(scheduled.get());
            // Cleared before the run: a request while it runs makes one more run after it.
            runRequested = false;
            progress.nextRunAt(due ? null : scheduled.orElse(null));
            runIncrement(target);
            if (due) {
                scheduled = schedule.next(Instant.now()); // counted from the end of the run, as always
            }
        }
    }

    /**
     * One incremental run. A failed run is retried after a pause of 10 seconds, doubling up to 10
     * minutes, or at the next scheduled run if that is sooner; what it landed is rolled back, so the
     * marks stay where the target committed them. Only a broken target connection ends the attempt,
     * for the task to connect again.
     */
    private void runIncrement(Connection target) throws Exception {
        try {
            followCatalog(target);
            long landed =
                    new IncrementalLanding(job, layout, progress, target, suspended.keySet(), () -> stopping).run();
            LOG.debug("Landing task {} landed {} new or updated rows", taskId, landed);
            if (failedRuns > 0) {
                LOG.info("Landing task {} ran again after {} failed runs", taskId, failedRuns);
            }
            failedRuns = 0;
            retryAt = null;
            progress.failedRuns(0);
            progress.clearError();
        } catch (TaskStoppedException e) {
            throw e;
        } catch (Exception e) {
            failedRuns++;
            Duration pause = FIRST_RUN_RETRY.multipliedBy(1L << Math.min(failedRuns - 1, 16));
            retryAt = Instant.now().plus(pause.compareTo(MAX_RUN_RETRY) > 0 ? MAX_RUN_RETRY : pause);
            String message = describe(e);
            progress.error(message);
            progress.failedRuns(failedRuns);
            LOG.warn(
                    "Landing task {}: run failed ({} in a row), retried at {}: {}",
                    taskId,
                    failedRuns,
                    retryAt,
                    message);
            try {
                target.rollback();
            } catch (SQLException broken) {
                e.addSuppressed(broken);
            }
            if (!target.isValid(TARGET_CHECK_SECONDS)) {
                throw e;
            }
        }
    }

    /**
     * Starts an incremental run as soon as the task is ready, whatever its schedule; asked while a
     * run is in progress, another follows it.
     */
    void runNow() {
        runRequested = true;
        progress.nextRunAt(Instant.now());
    }

    /**
     * Before an incremental run, follows the source's catalog: columns a table gained are added to
     * its landing tables, wider types widen them (a type they cannot hold suspends the table, as in
     * change data capture), and tables that started to match the selection get landing tables, are
     * loaded and marked, and land increments from this run on.
     */
    private void followCatalog(Connection target) throws Exception {
        LandingJob refreshed;
        try {
            refreshed = resolver.get();
        } catch (RuntimeException e) {
            return; // the selection matches nothing now, or the source is unreachable: the run tells
        }
        List<TableDescription> added = newTables(refreshed);
        followTypes(target, refreshed);
        for (TableDescription table : job.tables()) {
            addMissingColumns(target, table);
        }
        if (added.isEmpty()) {
            return;
        }
        layout.create(target, added);
        target.setAutoCommit(false);
        progress.include(added);
        List<TableDescription> tables = new ArrayList<>(job.tables());
        tables.addAll(added);
        job = job.withTables(tables);
        loadUnmarked(target);
        load(target, Optional.empty());
        progress.state(TaskState.INCREMENTAL);
    }

    /** Gives a table's landing tables the source's columns they lack: columns added in the source. */
    private void addMissingColumns(Connection target, TableDescription table) throws SQLException {
        List<String> landed = TargetMetadata.columnNames(target, layout.schema(), table.name());
        TableDescription before = new TableDescription(
                table.schema(),
                table.name(),
                table.partitioned(),
                table.columns().stream()
                        .filter(column -> landed.contains(column.name()))
                        .toList(),
                table.primaryKey(),
                table.estimatedRows());
        List<String> added = layout.addColumns(target, before, table);
        if (!added.isEmpty()) {
            target.setAutoCommit(false);
            LOG.info("Landing task {}: {}.{} gained the columns {}", taskId, table.schema(), table.name(), added);
        }
    }

    private void load(Connection target, Optional<CaptureStart> start) throws Exception {
        List<PlannedRange> ranges = layout.ranges(target, job.taskId());
        for (TableDescription table : job.tables()) {
            List<PlannedRange> own = ranges.stream()
                    .filter(range -> range.schema().equals(table.schema())
                            && range.table().equals(table.name()))
                    .toList();
            TaskProgress.TableProgress counters = progress.table(table.schema(), table.name());
            counters.ranges.set(own.size());
            counters.rangesLoaded.set(
                    (int) own.stream().filter(PlannedRange::loaded).count());
            counters.rowsLoaded.set(
                    own.stream().mapToLong(PlannedRange::rowsLoaded).sum());
        }
        List<PlannedRange> todo =
                ranges.stream().filter(range -> !range.loaded()).toList();
        if (todo.isEmpty()) {
            return;
        }
        progress.state(TaskState.FULL_LOAD);
        progress.clearError();
        long began = System.nanoTime();
        new FullLoad(job, layout, progress, () -> stopping)
                .load(todo, start.flatMap(CaptureStart::snapshot), () -> start.ifPresent(CaptureStart::close));
        LOG.info(
                "Landing task {} loaded {} key ranges in {} ms",
                taskId,
                todo.size(),
                (System.nanoTime() - began) / 1_000_000);
    }

    private void planReloads(Connection target) throws SQLException {
        List<String> requested;
        while ((requested = reloads.poll()) != null) {
            List<String> key = requested;
            TableDescription table = job.tables().stream()
                    .filter(candidate -> candidate.is(key.get(0), key.get(1)))
                    .findFirst()
                    .orElseThrow();
            if (suspended.containsKey(key)) {
                resume(target, table);
            }
            layout.planLoad(target, job.taskId(), table, split(table), lastSeq(target));
            markBeforeLoad(target, table);
            target.commit();
        }
    }

    /**
     * Lands a suspended table's changes again, with landing tables made anew for the source's
     * columns now; the caller loads it again.
     */
    private void resume(Connection target, TableDescription table) throws SQLException {
        layout.remake(target, table);
        target.setAutoCommit(false);
        layout.resume(target, job.taskId(), table);
        Map<List<String>, String> remaining = new HashMap<>(suspended);
        remaining.remove(List.of(table.schema(), table.name()));
        suspended = Map.copyOf(remaining);
        progress.table(table.schema(), table.name()).notice = null;
        LOG.info("Landing task {} lands {}.{} again", taskId, table.schema(), table.name());
    }

    private long lastSeq(Connection target) throws SQLException {
        return layout.state(target, job.taskId()).map(State::lastSeq).orElse(0L);
    }

    private List<KeyRange> split(TableDescription table) {
        return job.source().split(job.sourceSettings(), table, job.rowsPerRange());
    }

    /** Lands changes until the task stops, pausing the stream to reload tables on request. */
    private void landChanges(Connection target) throws Exception {
        while (!stopping) {
            // The committed state is where streaming starts, also after a schema change rolled a batch back.
            State state = layout.state(target, job.taskId()).orElseThrow();
            String position = state.position()
                    .orElseThrow(() -> new ConnectorException(
                            "The task has no source position to stream from: delete it and create it again", null));
            progress.position(position);
            ChangeLanding landing =
                    new ChangeLanding(job, layout, progress, target, state.lastSeq(), suspended.keySet());
            progress.state(TaskState.CDC);
            try (ChangeStream stream = capture().stream(job.sourceSettings(), job.captureName(), position)) {
                progress.clearError();
                stream(stream, landing);
            } catch (SchemaChangedException e) {
                landing.rollback();
                addColumns(target, e.table());
                continue;
            } catch (SQLException e) {
                landing.rollback();
                if (SqlStates.isBadValue(e) && followTypes(target, resolver.get())) {
                    continue;
                }
                throw e;
            } catch (RuntimeException e) {
                landing.rollback();
                throw e;
            }
            landing.rollback();
            if (retainedOverLimit >= 0) {
                dropCapture();
            }
            LandingJob refreshed = refreshedJob;
            if (refreshed != null) {
                refreshedJob = null;
                onboard(target, refreshed);
                followTypes(target, refreshed);
            }
            if (!reloads.isEmpty()) {
                planReloads(target);
                load(target, Optional.empty());
            }
        }
    }

    /**
     * Follows the source's column type changes: a wider type widens the landing columns, a type
     * the landing column holds anyway (a narrower one) changes nothing, and a type neither holds
     * suspends the table, so that only it stops, until it is reloaded. False when no type changed
     * in a way that matters.
     */
    private boolean followTypes(Connection target, LandingJob refreshed) throws SQLException {
        boolean followed = false;
        List<TableDescription> landed = new ArrayList<>();
        for (TableDescription before : job.tables()) {
            Optional<TableDescription> found = refreshed.tables().stream()
                    .filter(table -> table.is(before.schema(), before.name()))
                    .findFirst();
            if (found.isEmpty()) {
                landed.add(before); // gone from the source: what landed stays
                continue;
            }
            TableDescription after = found.get();
            if (suspended.containsKey(List.of(after.schema(), after.name()))) {
                landed.add(after); // made anew with the source's columns when it is reloaded
                continue;
            }
            TypeChanges changes = TypeChanges.between(before, after);
            if (!changes.incompatible().isEmpty()) {
                suspend(target, after, changes.incompatible());
                landed.add(after);
                followed = true;
                continue;
            } else if (!changes.wider().isEmpty()) {
                layout.widenColumns(target, after, changes.wider());
                target.setAutoCommit(false);
                LOG.info(
                        "Landing task {}: {}.{} has wider types for {}",
                        taskId,
                        after.schema(),
                        after.name(),
                        changes.wider().stream().map(ColumnDescription::name).toList());
                followed = true;
            }
            landed.add(changes.landed());
        }
        job = refreshed.withTables(landed);
        return followed;
    }

    private void suspend(Connection target, TableDescription table, List<String> changes) throws SQLException {
        String reason = "Stopped at " + Instant.now() + ": the source changed " + String.join(", ", changes)
                + ", which the landing tables cannot hold. Its changes are no longer landed; the other tables go on."
                + " To go on with it, reload the table (POST .../tasks/" + taskId
                + "/actions/reload with its schema and table): its landing tables are made anew with the new"
                + " types and loaded again, and storage keeps the history it had under a new name";
        layout.suspend(target, job.taskId(), table, reason);
        target.commit();
        Map<List<String>, String> more = new HashMap<>(suspended);
        more.put(List.of(table.schema(), table.name()), reason);
        suspended = Map.copyOf(more);
        progress.table(table.schema(), table.name()).notice = reason;
        LOG.warn("Landing task {} suspends {}.{}: {}", taskId, table.schema(), table.name(), reason);
    }

    /** Gives the landing tables the columns a source table gained, from the source's catalog now. */
    private void addColumns(Connection target, TableDescription before) throws SQLException {
        LandingJob refreshed = resolver.get();
        TableDescription after = refreshed.tables().stream()
                .filter(table -> table.is(before.schema(), before.name()))
                .findFirst()
                .orElseThrow(() -> new ConnectorException(
                        "The source table " + before.schema() + "." + before.name() + " changed and is gone", null));
        List<String> added = layout.addColumns(target, before, after);
        if (added.isEmpty()) {
            throw new ConnectorException(
                    "A change of " + before.schema() + "." + before.name() + " has a column that"
                            + " the source's catalog does not show; reload the table",
                    null);
        }
        job = refreshed;
        LOG.info("Landing task {}: {}.{} gained the columns {}", taskId, before.schema(), before.name(), added);
    }

    /** Streams until the task stops or a reload is requested, committing at transaction boundaries. */
    private void stream(ChangeStream stream, ChangeLanding landing) throws SQLException {
        String lastCommit = null;
        // The batch's first transaction has waited longest: the latency users should see.
        Instant firstCommitTime = null;
        Instant lastCommitTime = null;
        long batchStart = 0;
        boolean inTransaction = false;
        long nextCatalogCheck = System.nanoTime() + catalogCheck.toNanos();
        while (!stopping) {
            if (System.nanoTime() >= nextCatalogCheck) {
                checkCatalog();
                nextCatalogCheck = System.nanoTime() + catalogCheck.toNanos();
            }
            Optional<ChangeEvent> next = stream.next(POLL);
            if (next.isPresent() && next.get() instanceof ChangeEvent.Change change) {
                if (lastCommit == null && !inTransaction) {
                    batchStart = System.nanoTime();
                }
                inTransaction = true;
                landing.add(change);
                continue;
            }
            if (next.isPresent() && next.get() instanceof ChangeEvent.Commit commit) {
                inTransaction = false;
                if (lastCommit == null && !landing.hasUncommitted()) {
                    batchStart = System.nanoTime();
                }
                if (lastCommit == null) {
                    firstCommitTime = commit.commitTime();
                }
                lastCommit = commit.position();
                lastCommitTime = commit.commitTime();
            } else if (next.isPresent() && next.get() instanceof ChangeEvent.Heartbeat heartbeat) {
                if (lastCommit == null && !inTransaction) {
                    stream.acknowledge(heartbeat.position());
                }
                continue;
            }
            boolean pause = !reloads.isEmpty() || refreshedJob != null || retainedOverLimit >= 0;
            boolean due = next.isEmpty() || System.nanoTime() - batchStart >= BATCH_TIME.toNanos() || pause;
            if (lastCommit != null && !inTransaction && due) {
                landing.commit(lastCommit, firstCommitTime);
                stream.acknowledge(lastCommit);
                lastCommit = null;
                progress.landedUpTo(lastCommitTime);
                if (pause) {
                    return;
                }
            } else if (lastCommit == null && !inTransaction && pause) {
                return;
            }
            if (next.isEmpty() && lastCommit == null && !inTransaction) {
                // Nothing more came for a while and all is landed: caught up, but for what may
                // still be on its way from the source.
                progress.landedUpTo(Instant.now().minus(STREAM_TRANSIT));
            }
        }
    }

    /**
     * Looks at the source's tables again. Tables no longer there are marked (their changes simply
     * stop arriving: the publication forgets a dropped table), and tables that started to match
     * the selection are taken on at the next pause of the stream.
     */
    private void checkCatalog() {
        if (keepsTooMuch()) {
            return; // the stream pauses, and the capture is dropped once it is closed
        }
        LandingJob refreshed;
        List<TableDescription> current;
        try {
            refreshed = resolver.get();
            current = refreshed.tables();
        } catch (ProjectRejectedException e) {
            refreshed = null;
            current = List.of(); // the selection matches nothing any more
        } catch (RuntimeException e) {
            return; // unreachable: the next check tells
        }
        for (TableDescription table : job.tables()) {
            boolean present = current.stream().anyMatch(now -> now.is(table.schema(), table.name()));
            TaskProgress.TableProgress counters = progress.table(table.schema(), table.name());
            if (!present && counters.notice == null) {
                counters.notice = "The table is no longer in the source (dropped or renamed at about " + Instant.now()
                        + "); what landed before stays in the target";
                LOG.warn("Landing task {}: the source table {}.{} is gone", taskId, table.schema(), table.name());
            }
        }
        if (refreshed != null && (!newTables(refreshed).isEmpty() || typesChanged(refreshed))) {
            refreshedJob = refreshed;
        }
    }

    /** Whether a column type changed in a way landing must follow. */
    private boolean typesChanged(LandingJob refreshed) {
        return refreshed.tables().stream()
                .filter(after -> !suspended.containsKey(List.of(after.schema(), after.name())))
                .anyMatch(after -> job.tables().stream()
                        .filter(before -> before.is(after.schema(), after.name()))
                        .anyMatch(before -> TypeChanges.between(before, after).matter()));
    }

    private List<TableDescription> newTables(LandingJob refreshed) {
        return refreshed.tables().stream()
                .filter(table -> job.tables().stream().noneMatch(known -> known.is(table.schema(), table.name())))
                .toList();
    }

    /**
     * Takes on tables that started to match the selection: they join the capture first, then their
     * landing tables are created and loaded from a snapshot taken after that, so that every change
     * is in the load or the stream (a change in both lands twice, which applying by key absorbs).
     */
    private void onboard(Connection target, LandingJob wider) throws Exception {
        List<TableDescription> added = newTables(wider);
        if (added.isEmpty()) {
            return;
        }
        capture().addTables(job.sourceSettings(), job.captureName(), added);
        layout.create(target, added);
        target.setAutoCommit(false);
        for (TableDescription table : added) {
            layout.planLoad(target, job.taskId(), table, split(table), lastSeq(target));
        }
        target.commit();
        progress.include(added);
        List<TableDescription> tables = new ArrayList<>(job.tables());
        tables.addAll(added);
        job = wider.withTables(tables);
        LOG.info(
                "Landing task {} takes on {}",
                taskId,
                added.stream().map(TableDescription::name).toList());
        load(target, Optional.empty());
    }

    private ChangeCapture capture() {
        return job.source()
                .changeCapture()
                .orElseThrow(() -> new ConnectorException(
                        "The " + job.sourceConnector() + " connector cannot capture changes; use the mode full-load",
                        null));
    }
}
