package io.millrace.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A comparison of a task's source tables with the current tables storage keeps of them.
 *
 * @param id names the verification in {@code .../verifications/{id}}
 * @param taskId the storage task whose current tables were compared
 * @param state {@code running}, {@code finished} or {@code failed}
 * @param startedAt when it started
 * @param finishedAt when it finished, once it has
 * @param error why it failed, when it did
 * @param tables the outcome per table, as far as it got
 */
public record Verification(
        String id,
        String taskId,
        String state,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<String> error,
        List<TableVerification> tables) {
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";

    public Verification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(error, "error");
        tables = List.copyOf(tables);
    }

    /**
     * How one table compared.
     *
     * @param schema the source schema
     * @param table the source table
     * @param outcome {@code equal}, {@code differing}, {@code skipped} (with the reason in {@code
     *     note}) or {@code failed}
     * @param sourceRows rows in the source when it was read last
     * @param targetRows rows in the current table when it was compared last
     * @param missing keys the source has and the target does not
     * @param extra keys the target has and the source does not
     * @param different keys both have, with other values
     * @param rounds how many times the table was compared: differences seen once may be changes
     *     in flight, so the table is compared again after storage caught up, and only differences
     *     seen every time count
     * @param millis how long the table took
     * @param samples the first differing keys, with both values
     * @param note why a table was skipped or failed
     */
    public record TableVerification(
            String schema,
            String table,
            String outcome,
            long sourceRows,
            long targetRows,
            long missing,
            long extra,
            long different,
            int rounds,
            long millis,
            List<Difference> samples,
            Optional<String> note) {
        public TableVerification {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(outcome, "outcome");
            samples = List.copyOf(samples);
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * One differing key.
     *
     * @param kind {@code missing}, {@code extra} or {@code different}
     * @param key the key's values, by column
     * @param source the source's row by column, as the target holds its types; empty when missing
     *     there
     * @param target the target's row; empty when missing there
     */
    public record Difference(
            String kind, Map<String, String> key, Map<String, String> source, Map<String, String> target) {
        public Difference {
            Objects.requireNonNull(kind, "kind");
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
            source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
            target = Collections.unmodifiableMap(new LinkedHashMap<>(target));
        }
    }
}
