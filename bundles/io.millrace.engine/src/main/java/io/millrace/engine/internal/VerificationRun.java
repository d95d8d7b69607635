package io.millrace.engine.internal;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.TableDescription;
import io.millrace.engine.TableStatus;
import io.millrace.engine.TaskStatus;
import io.millrace.engine.Verification;
import io.millrace.engine.Verification.Difference;
import io.millrace.engine.Verification.TableVerification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares a storage task's source tables with what storage holds of them. Each table is read
 * from one snapshot of the source (a read-only MVCC snapshot: nothing is locked), key range by key
 * range, into a scratch table in the target, through the same writer landing uses, so that both
 * sides have the target's types; the comparison then runs in the target as set-based SQL. Changes
 * in flight are accounted for: the comparison waits until storage has applied every change landed
 * by the time the source was read, then compares with the history as of that moment (the current
 * rows when history is off). A table that differs is compared again, up to {@link #ROUNDS} times,
 * and only keys that differ every time are reported: a difference that comes and goes is a change
 * in flight (or clocks of the server and the source that disagree a little).
 */
final class VerificationRun implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(VerificationRun.class);
    static final int ROUNDS = 3;
    private static final int SAMPLES = 10;
    /** How many differing keys per kind a round keeps, to compare with the other rounds. */
    private static final int MAX_DIFFERENCES = 100_000;

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    /** What the verification watches and nudges of the tasks it compares. */
    interface Tasks {
        Optional<TaskStatus> landing();

        Optional<TaskStatus> storage();

        /** Up to when the landing task has landed every change of the source, when it streams them. */
        Optional<Instant> landedUpTo();

        /** Asks a running storage task to apply now; false when it does not run. */
        boolean applyNow();
    }

    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt = Instant.now();
    private final Supplier<LandingJob> landingJob;
    private final Supplier<StorageJob> storageJob;
    private final List<String> only;
    private final Tasks tasks;
    private final List<TableVerification> done = new CopyOnWriteArrayList<>();
    private volatile String state = Verification.RUNNING;
    private volatile Instant finishedAt;
    private volatile String error;

    /** @param only {@code schema.table} names to compare; all when empty */
    VerificationRun(Supplier<LandingJob> landingJob, Supplier<StorageJob> storageJob, List<String> only, Tasks tasks) {
        this.landingJob = landingJob;
        this.storageJob = storageJob;
        this.only = List.copyOf(only);
        this.tasks = tasks;
    }

    String id() {
        return id;
    }

    Verification report(String taskId) {
        return new Verification(
                id,
                taskId,
                state,
                startedAt,
                Optional.ofNullable(finishedAt),
                Optional.ofNullable(error),
                List.copyOf(done));
    }

    @Override
    public void run() {
        try {
            LandingJob landing = landingJob.get();
            StorageJob storage = storageJob.get();
            StorageLayout layout = new StorageLayout(storage.target(), storage.project(), storage.sourceConnector());
            try (Connection target = storage.target().open(storage.targetSettings())) {
                for (TableDescription table : storage.tables()) {
                    if (only.isEmpty() || only.contains(table.schema() + "." + table.name())) {
                        done.add(verify(landing, layout, target, table, storage.history()));
                    }
                }
            }
            state = Verification.FINISHED;
        } catch (RuntimeException | SQLException e) {
            LOG.warn("Verification {} failed: {}", id, e.getMessage(), e);
            error = e.getMessage();
            state = Verification.FAILED;
        } finally {
            finishedAt = Instant.now();
        }
    }

    private TableVerification verify(
            LandingJob landing, StorageLayout layout, Connection target, TableDescription table, boolean history)
            throws SQLException {
        long began = System.nanoTime();
        if (table.primaryKey().isEmpty()) {
            return skipped(table, "The table has no primary key and no key columns were chosen, so it is not stored");
        }
        if (!layout.hasLanded(target, table) || !layout.isStored(target, table)) {
            return skipped(table, "The table is not stored yet");
        }
        // Only what both sides have: columns storage keeps that the source dropped are left out.
        TableDescription landed = layout.landedShape(target, table);
        List<ColumnDescription> compared = landed.columns().stream()
                .filter(column -> table.columns().contains(column))
                .toList();
        TableDescription shape = new TableDescription(
                table.schema(), table.name(), table.partitioned(), compared, table.primaryKey(), table.estimatedRows());
        target.setAutoCommit(false);
        try {
            Comparison comparison = null;
            Set<String> persistent = null;
            int round = 0;
            while (round < ROUNDS && (persistent == null || !persistent.isEmpty())) {
                round++;
                Instant read = Instant.now();
                long sourceRows = copySource(landing, layout, target, shape);
                String note = catchUp(read);
                comparison = compare(layout, target, shape, sourceRows, note, history, read);
                if (persistent == null) {
                    persistent = new HashSet<>(comparison.keys());
                } else {
                    persistent.retainAll(comparison.keys());
                }
            }
            return comparison.outcome(shape, round, persistent, Duration.ofNanos(System.nanoTime() - began));
        } catch (SQLException | RuntimeException e) {
            target.rollback();
            return new TableVerification(
                    table.schema(),
                    table.name(),
                    "failed",
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Duration.ofNanos(System.nanoTime() - began).toMillis(),
                    List.of(),
                    Optional.of(String.valueOf(e.getMessage())));
        } finally {
            target.setAutoCommit(true);
            layout.dropScratch(target, shape);
        }
    }

    private static TableVerification skipped(TableDescription table, String why) {
        return new TableVerification(
                table.schema(), table.name(), "skipped", 0, 0, 0, 0, 0, 0, 0, List.of(), Optional.of(why));
    }

    /** Reads the source table from one snapshot, range by range, into the scratch table; returns the rows. */
    private long copySource(LandingJob landing, StorageLayout layout, Connection target, TableDescription table)
            throws SQLException {
        layout.createScratch(target, table);
        long rows = 0;
        List<KeyRange> ranges = landing.source().split(landing.sourceSettings(), table, landing.rowsPerRange());
        try (SnapshotReader reader = landing.source().openSnapshot(landing.sourceSettings(), Optional.empty())) {
            for (KeyRange range : ranges) {
                try (RowWriter writer = layout.scratchWriter(target, table)) {
                    FullLoad.copy(reader, writer, table, range, () -> {});
                    rows += writer.finish();
                }
                target.commit();
            }
        }
        layout.indexScratch(target, table);
        return rows;
    }

    /**
     * Waits until storage has applied every change the source committed before {@code read}: until
     * an apply that started after landing had time to land them has finished.
     *
     * @return a note when that could not be waited for
     */
    private String catchUp(Instant read) throws SQLException {
        Optional<TaskStatus> landing = tasks.landing();
        long latency = landing.flatMap(status -> status.latencyMillis().isPresent()
                        ? Optional.of(status.latencyMillis().getAsLong())
                        : Optional.empty())
                .orElse(0L);
        Instant landedBy = read.plus(Duration.ofMillis(1000 + 2 * latency));
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (Instant.now().isBefore(landedBy)) {
            pause();
        }
        // After an outage the last latency says nothing of the backlog still to land: a streaming
        // landing task must have landed everything committed before the read.
        if (landing.flatMap(TaskStatus::captureName).isPresent()) {
            while (tasks.landedUpTo().filter(at -> !at.isBefore(read)).isEmpty()) {
                if (System.nanoTime() >= deadline) {
                    return "Landing did not catch up within " + CATCH_UP.toSeconds()
                            + " s; differences may be changes in flight";
                }
                pause();
            }
        }
        // An apply that starts after this has every change landed so far.
        Instant applyAfter = Instant.now();
        if (!tasks.applyNow()) {
            return "The storage task is not running, so changes landed after its last apply were not compared";
        }
        while (System.nanoTime() < deadline) {
            boolean applied = tasks.storage().stream()
                    .flatMap(status -> status.tables().stream())
                    .map(TableStatus::lastApplyAt)
                    .flatMap(Optional::stream)
                    .anyMatch(at -> at.isAfter(applyAfter));
            if (applied) {
                return null;
            }
            pause();
        }
        return "Storage did not catch up within " + CATCH_UP.toSeconds() + " s; differences may be changes in flight";
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private Comparison compare(
            StorageLayout layout,
            Connection target,
            TableDescription table,
            long sourceRows,
            String note,
            boolean history,
            Instant read)
            throws SQLException {
        String scratch = layout.scratch(table);
        String stored = "(" + layout.asOf(table, read, history) + ")";
        String keyMatch = layout.keyMatch(table, "s", "c");
        String same = table.columns().stream()
                .map(column -> layout.sameValue("s", "c", column))
                .collect(Collectors.joining(" AND "));
        String missing =
                " FROM " + scratch + " s WHERE NOT EXISTS (SELECT 1 FROM " + stored + " c WHERE " + keyMatch + ")";
        String extra =
                " FROM " + stored + " c WHERE NOT EXISTS (SELECT 1 FROM " + scratch + " s WHERE " + keyMatch + ")";
        String different = " FROM " + scratch + " s JOIN " + stored + " c ON " + keyMatch + " WHERE NOT (" + same + ")";
        String sourceColumns = layout.columnList(table, "s.");
        String targetColumns = layout.columnList(table, "c.");
        List<Difference> differences = new ArrayList<>();
        differences.addAll(differences(target, table, "missing", "SELECT " + sourceColumns + missing, true, false));
        differences.addAll(differences(target, table, "extra", "SELECT " + targetColumns + extra, false, true));
        differences.addAll(differences(
                target, table, "different", "SELECT " + sourceColumns + ", " + targetColumns + different, true, true));
        long targetRows = count(target, "SELECT COUNT(*) FROM " + stored + " c");
        target.commit();
        return new Comparison(sourceRows, targetRows, differences, note);
    }

    /** The differences a query finds, up to {@link #MAX_DIFFERENCES}. */
    private static List<Difference> differences(
            Connection target, TableDescription table, String kind, String query, boolean source, boolean stored)
            throws SQLException {
        List<Difference> samples = new ArrayList<>();
        try (Statement statement = target.createStatement()) {
            statement.setMaxRows(MAX_DIFFERENCES);
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    int width = table.columns().size();
                    Map<String, String> first = row(rows, table, 0);
                    Map<String, String> second = source && stored ? row(rows, table, width) : Map.of();
                    Map<String, String> sourceRow = source ? first : Map.of();
                    Map<String, String> targetRow = source ? second : first;
                    Map<String, String> key = new LinkedHashMap<>();
                    for (String column : table.primaryKey()) {
                        key.put(column, first.get(column));
                    }
                    samples.add(new Difference(kind, key, sourceRow, targetRow));
                }
            }
        }
        return samples;
    }

    private static Map<String, String> row(ResultSet rows, TableDescription table, int offset) throws SQLException {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < table.columns().size(); i++) {
            row.put(table.columns().get(i).name(), rows.getString(offset + i + 1));
        }
        return row;
    }

    private static long count(Connection target, String sql) throws SQLException {
        try (Statement statement = target.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** One round's comparison of a table. */
    private record Comparison(long sourceRows, long targetRows, List<Difference> differences, String note) {
        Set<String> keys() {
            return differences.stream().map(Comparison::key).collect(Collectors.toSet());
        }

        private static String key(Difference difference) {
            return difference.kind() + difference.key();
        }

        /** @param persistent the keys that differed in every round */
        TableVerification outcome(TableDescription table, int rounds, Set<String> persistent, Duration took) {
            List<Difference> lasting = differences.stream()
                    .filter(difference -> persistent.contains(key(difference)))
                    .toList();
            return new TableVerification(
                    table.schema(),
                    table.name(),
                    lasting.isEmpty() ? "equal" : "differing",
                    sourceRows,
                    targetRows,
                    lasting.stream().filter(d -> d.kind().equals("missing")).count(),
                    lasting.stream().filter(d -> d.kind().equals("extra")).count(),
                    lasting.stream().filter(d -> d.kind().equals("different")).count(),
                    rounds,
                    took.toMillis(),
                    lasting.stream().limit(SAMPLES).toList(),
                    Optional.ofNullable(note));
        }
    }
}
