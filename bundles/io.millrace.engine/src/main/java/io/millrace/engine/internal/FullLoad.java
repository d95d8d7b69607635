package io.millrace.engine.internal;

import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.api.TableDescription;
import io.millrace.engine.internal.LandingTables.PlannedRange;
import io.millrace.engine.internal.TaskProgress.TableProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * Loads key ranges in parallel, each range in its own target transaction together with the mark
 * that it is loaded, so that an interrupted load resumes at the first range not committed.
 */
final class FullLoad {
    /** How often, in rows, the live row counter of a range is brought up to date. */
    private static final int PROGRESS_STEP = 10_000;

    private final LandingJob job;
    private final LandingTables layout;
    private final TaskProgress progress;
    private final BooleanSupplier stopping;
    private final Map<List<String>, TableDescription> tables;

    FullLoad(LandingJob job, LandingTables layout, TaskProgress progress, BooleanSupplier stopping) {
        this.job = job;
        this.layout = layout;
        this.progress = progress;
        this.stopping = stopping;
        this.tables = job.tables().stream()
                .collect(Collectors.toMap(table -> List.of(table.schema(), table.name()), Function.identity()));
    }

    /**
     * Loads the ranges, reading at {@code snapshot} when given.
     *
     * @param snapshotOpened called once every reader has opened the snapshot, so it can be released
     * @throws TaskStoppedException when the task was stopped before every range was loaded
     */
    void load(List<PlannedRange> ranges, Optional<String> snapshot, Runnable snapshotOpened) throws Exception {
        List<SnapshotReader> readers = new ArrayList<>();
        try {
            int workers = Math.max(1, Math.min(job.parallelism(), ranges.size()));
            for (int i = 0; i < workers; i++) {
                readers.add(job.source().openSnapshot(job.sourceSettings(), snapshot));
            }
            snapshotOpened.run();
            ConcurrentLinkedQueue<PlannedRange> queue = new ConcurrentLinkedQueue<>(ranges);
            AtomicReference<Exception> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            Map<String, String> context = MDC.getCopyOfContextMap();
            for (SnapshotReader reader : readers) {
                Thread thread = new Thread(
                        () -> {
                            if (context != null) {
                                MDC.setContextMap(context);
                            }
                            work(reader, queue, failure);
                        },
                        "millrace-load-" + job.taskId());
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            if (stopping.getAsBoolean()) {
                throw new TaskStoppedException();
            }
        } finally {
            readers.forEach(SnapshotReader::close);
        }
    }

    private void work(
            SnapshotReader reader, ConcurrentLinkedQueue<PlannedRange> queue, AtomicReference<Exception> failure) {
        try (Connection target = job.target().open(job.targetSettings())) {
            target.setAutoCommit(false);
            PlannedRange range;
            while (failure.get() == null && !stopping.getAsBoolean() && (range = queue.poll()) != null) {
                loadRange(reader, target, range);
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private void loadRange(SnapshotReader reader, Connection target, PlannedRange range) throws SQLException {
        TableDescription table = tables.get(List.of(range.schema(), range.table()));
        TableProgress counters = progress.table(range.schema(), range.table());
        MDC.put("table", range.schema() + "." + range.table());
        long[] counter = {0};
        try (RowWriter writer = layout.dialect().rowWriter(target, layout.schema(), table.name(), table.columns())) {
            Runnable counted = () -> {
                if (stopping.getAsBoolean()) {
                    throw new TaskStoppedException();
                }
                if (++counter[0] % PROGRESS_STEP == 0) {
                    counters.rowsLoaded.addAndGet(PROGRESS_STEP);
                }
            };
            copy(reader, writer, table, range.range(), counted);
            long rows = writer.finish();
            layout.markLoaded(target, job.taskId(), range, rows);
            target.commit();
            counters.rowsLoaded.addAndGet(rows % PROGRESS_STEP);
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            counters.rowsLoaded.addAndGet(-(counter[0] - counter[0] % PROGRESS_STEP));
            if (!(e instanceof SQLException sql)) {
                throw (RuntimeException) e;
            }
            throw new ConnectorException(
                    "Cannot load " + table.schema() + "." + table.name() + " into the target schema " + layout.schema()
                            + ": " + sql.getMessage(),
                    sql,
                    SqlStates.isTransient(sql));
        }
        counters.rangesLoaded.incrementAndGet();
    }

    /**
     * Copies the rows of a key range from a snapshot into a writer, undecoded where the writer
     * takes the reader's lines (PostgreSQL to PostgreSQL).
     *
     * @param eachRow runs before each row is written
     */
    static void copy(SnapshotReader reader, RowWriter writer, TableDescription table, KeyRange range, Runnable eachRow)
            throws SQLException {
        try {
            boolean copied = writer.takesCopyText()
                    && reader.readCopyText(table, range, line -> {
                                eachRow.run();
                                try {
                                    writer.writeCopyText(line);
                                } catch (SQLException e) {
                                    throw new TargetWriteException(e);
                                }
                            })
                            .isPresent();
            if (!copied) {
                reader.read(table, range, values -> {
                    eachRow.run();
                    try {
                        writer.write(values);
                    } catch (SQLException e) {
                        throw new TargetWriteException(e);
                    }
                });
            }
        } catch (TargetWriteException e) {
            throw e.getCause();
        }
    }

    /** A target failure carried out of a {@link io.millrace.connector.api.RowSink}. */
    private static final class TargetWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TargetWriteException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
