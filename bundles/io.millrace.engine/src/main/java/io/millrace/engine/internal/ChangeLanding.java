package io.millrace.engine.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.connector.api.ChangeEvent.Change;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes changes into {@code T__ct} inside one open target transaction, and commits them together
 * with the source position in {@code __millrace_state}: either both are durable or neither is.
 */
final class ChangeLanding {
    /** Rows buffered in memory before they are sent into the open transaction. */
    private static final int BUFFER_ROWS = 10_000;

    private static final DateTimeFormatter CANONICAL_TIMESTAMP_TZ =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LandingJob job;
    private final LandingTables layout;
    private final TaskProgress progress;
    private final Connection target;
    private final Map<List<String>, TableDescription> tables = new HashMap<>();
    private final Map<TableDescription, List<String[]>> buffered = new LinkedHashMap<>();
    private final Map<TableDescription, Long> uncommitted = new HashMap<>();
    private final Map<TableDescription, ColumnMapping> mappings = new HashMap<>();
    private long lastSeq;
    private long committedSeq;
    private int bufferedRows;

    /** @param suspended the tables, by schema and name, whose changes are passed over */
    ChangeLanding(
            LandingJob job,
            LandingTables layout,
            TaskProgress progress,
            Connection target,
            long lastSeq,
            Set<List<String>> suspended)
            throws SQLException {
        this.job = job;
        this.layout = layout;
        this.progress = progress;
        this.target = target;
        this.lastSeq = lastSeq;
        this.committedSeq = lastSeq;
        target.setAutoCommit(false);
        for (TableDescription table : job.tables()) {
            List<String> key = List.of(table.schema(), table.name());
            if (!suspended.contains(key)) {
                tables.put(key, table);
            }
        }
    }

    /** Adds a change to the open transaction; nothing is visible before {@link #commit}. */
    void add(Change change) throws SQLException {
        TableDescription table = tables.get(List.of(change.schema(), change.table()));
        if (table == null) {
            return; // not selected (the capture may cover more than this task lands), or suspended
        }
        ColumnMapping mapping =
                mappings.computeIfAbsent(table, ColumnMapping::new).refresh(change.columns());
        String[] row =
                new String[LandingTables.CHANGE_HEADER.size() + table.columns().size()];
        row[0] = Long.toString(++lastSeq);
        row[1] = switch (change.operation()) {
            case INSERT -> "I";
            case UPDATE -> "U";
            case DELETE -> "D";
            case TRUNCATE -> "T";
        };
        row[2] = CANONICAL_TIMESTAMP_TZ.format(change.commitTime());
        row[3] = change.transactionId();
        List<String> unchanged = new ArrayList<>();
        for (int i = 0; i < change.values().length; i++) {
            int column = mapping.targetIndex[i];
            row[LandingTables.CHANGE_HEADER.size() + column] = change.values()[i];
            if (change.unchanged().get(i)) {
                unchanged.add(table.columns().get(column).name());
            }
        }
        row[4] = unchanged.isEmpty() ? null : json(unchanged);
        buffered.computeIfAbsent(table, key -> new ArrayList<>()).add(row);
        uncommitted.merge(table, 1L, Long::sum);
        if (++bufferedRows >= BUFFER_ROWS) {
            flush();
        }
    }

    boolean hasUncommitted() {
        return lastSeq != committedSeq;
    }

    /**
     * Makes everything added so far durable, together with the position it leads up to.
     *
     * @param firstSourceCommit when the batch's first transaction committed in the source
     */
    void commit(String position, Instant firstSourceCommit) throws SQLException {
        flush();
        Instant now = Instant.now();
        layout.writeState(target, job.taskId(), Optional.of(position), lastSeq, now);
        target.commit();
        progress.addChanges(lastSeq - committedSeq);
        committedSeq = lastSeq;
        uncommitted.forEach((table, count) ->
                progress.table(table.schema(), table.name()).changesLanded.addAndGet(count));
        uncommitted.clear();
        progress.landed(position, firstSourceCommit, now);
    }

    /** Forgets what was not committed. */
    void rollback() throws SQLException {
        buffered.clear();
        uncommitted.clear();
        bufferedRows = 0;
        lastSeq = committedSeq;
        target.rollback();
    }

    private void flush() throws SQLException {
        for (Map.Entry<TableDescription, List<String[]>> entry : buffered.entrySet()) {
            TableDescription table = entry.getKey();
            try (RowWriter writer = layout.dialect()
                    .rowWriter(
                            target, layout.schema(), layout.changeTable(table), LandingTables.changeColumns(table))) {
                for (String[] row : entry.getValue()) {
                    writer.write(row);
                }
                writer.finish();
            }
        }
        buffered.clear();
        bufferedRows = 0;
    }

    private static String json(List<String> names) {
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A list of names is always JSON", e);
        }
    }

    /** Where each column of a change goes among the landed table's columns. */
    private static final class ColumnMapping {
        private final TableDescription table;
        private List<String> sourceColumns = List.of();
        private int[] targetIndex = new int[0];

        ColumnMapping(TableDescription table) {
            this.table = table;
        }

        ColumnMapping refresh(List<String> columns) {
            if (columns.equals(sourceColumns)) {
                return this;
            }
            int[] indexes = new int[columns.size()];
            List<String> landed =
                    table.columns().stream().map(ColumnDescription::name).toList();
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = landed.indexOf(columns.get(i));
                if (indexes[i] < 0) {
                    throw new SchemaChangedException(table, columns.get(i));
                }
            }
            sourceColumns = columns;
            targetIndex = indexes;
            return this;
        }
    }
}
