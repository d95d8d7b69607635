package io.millrace.engine.internal;

import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.TableDescription;
import io.millrace.engine.internal.LandingTables.Mark;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * One run of incremental landing. For each table it reads the rows whose monotonic column is at or
 * above the table's mark and lands them in {@code T__ct} as updates, which storage applies as
 * upserts; it commits each table's rows together with its new mark and the task's state, so a run
 * interrupted anywhere is repeated from the last committed mark.
 *
 * <p>Reading from the mark itself, not above it, finds rows committed late with the mark's value;
 * the rows landed with that value before, by key, are passed over, so nothing lands twice. Rows
 * committed late with a value below the mark are not found (see docs/landing.md).
 */
final class IncrementalLanding {
    private final LandingJob job;
    private final LandingTables layout;
    private final TaskProgress progress;
    private final Connection target;
    private final Set<List<String>> suspended;
    private final BooleanSupplier stopping;

    /** @param suspended the tables, by schema and name, that are passed over */
    IncrementalLanding(
            LandingJob job,
            LandingTables layout,
            TaskProgress progress,
            Connection target,
            Set<List<String>> suspended,
            BooleanSupplier stopping) {
        this.job = job;
        this.layout = layout;
        this.progress = progress;
        this.target = target;
        this.suspended = suspended;
        this.stopping = stopping;
    }

    /** Lands every table's new and updated rows; returns how many rows landed. */
    long run() throws SQLException {
        Increments increments = job.increments().orElseThrow();
        Instant started = Instant.now();
        long landed = 0;
        try (SnapshotReader reader = job.source().openSnapshot(job.sourceSettings(), Optional.empty())) {
            for (TableDescription table : job.tables()) {
                if (stopping.getAsBoolean()) {
                    break;
                }
                if (!suspended.contains(List.of(table.schema(), table.name()))) {
                    landed += land(reader, table, increments.column(table), started);
                }
            }
        }
        return landed;
    }

    private long land(SnapshotReader reader, TableDescription table, String column, Instant started)
            throws SQLException {
        long lastSeq = layout.state(target, job.taskId()).orElseThrow().lastSeq();
        ChangeLanding landing =
                new ChangeLanding(job.withTables(List.of(table)), layout, progress, target, lastSeq, Set.of());
        Mark mark = layout.mark(target, job.taskId(), table).orElse(new Mark(Optional.empty(), Set.of()));
        List<String> names =
                table.columns().stream().map(ColumnDescription::name).toList();
        int valueAt = names.indexOf(column);
        int[] identity = identity(table, names);
        String transaction = "incremental " + started;
        String[] highest = {mark.value().orElse(null)};
        Set<List<String>> atHighest = new HashSet<>(mark.rowsAtValue());
        long[] count = {0};
        try {
            reader.readFrom(table, column, mark.value(), row -> {
                String value = row[valueAt];
                List<String> id = identityOf(row, identity);
                if (!Objects.equals(value, highest[0])) {
                    highest[0] = value;
                    atHighest.clear();
                }
                if (!atHighest.add(id)) {
                    return; // landed at this value by an earlier run
                }
                try {
                    landing.add(new ChangeEvent.Change(
                            table.schema(),
                            table.name(),
                            ChangeEvent.Operation.UPDATE,
                            names,
                            row,
                            new BitSet(),
                            started,
                            transaction));
                } catch (SQLException e) {
                    throw new LandingFailed(e);
                }
                count[0]++;
            });
        } catch (LandingFailed e) {
            landing.rollback();
            throw e.getCause();
        } catch (RuntimeException e) {
            landing.rollback();
            throw e;
        }
        if (count[0] > 0) {
            layout.writeMark(target, job.taskId(), table, new Mark(Optional.ofNullable(highest[0]), atHighest));
            landing.commit(transaction, started);
        }
        return count[0];
    }

    /**
     * The table's mark now: its column's highest value and the rows that have it, so that the first
     * run after a load passes over the rows the load holds already.
     */
    static Mark markNow(SnapshotReader reader, TableDescription table, String column) {
        Optional<String> highest = reader.highest(table, column);
        if (highest.isEmpty()) {
            return new Mark(Optional.empty(), Set.of());
        }
        List<String> names =
                table.columns().stream().map(ColumnDescription::name).toList();
        int valueAt = names.indexOf(column);
        int[] identity = identity(table, names);
        String[] value = {highest.get()};
        Set<List<String>> atValue = new HashSet<>();
        // Rows committed since with a higher value are read too: the mark moves to them.
        reader.readFrom(table, column, highest, row -> {
            if (!Objects.equals(row[valueAt], value[0])) {
                value[0] = row[valueAt];
                atValue.clear();
            }
            atValue.add(identityOf(row, identity));
        });
        return new Mark(Optional.of(value[0]), atValue);
    }

    private static List<String> identityOf(String[] row, int[] identity) {
        List<String> id = new ArrayList<>(identity.length);
        for (int index : identity) {
            id.add(row[index]);
        }
        return id;
    }

    /** What tells rows apart: the primary key's columns, or every column of a table without one. */
    private static int[] identity(TableDescription table, List<String> names) {
        if (table.primaryKey().isEmpty()) {
            int[] all = new int[names.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        return table.primaryKey().stream().mapToInt(names::indexOf).toArray();
    }

    /** A failure to write a row, carried out of the reader's callback. */
    private static final class LandingFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LandingFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
