package io.millrace.connector.api;

import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/** What a {@link ChangeStream} delivers. */
public sealed interface ChangeEvent {

    /** The kinds of change. */
    enum Operation {
        INSERT,
        UPDATE,
        DELETE,
        /** Every row of the table was removed. */
        TRUNCATE
    }

    /**
     * One row changed. An update of a key is delivered as a delete of the old key followed by an
     * insert of the new row.
     *
     * @param schema the table's schema
     * @param table the table's name; a partition's changes carry its parent's name
     * @param operation what happened
     * @param columns the table's columns at the time of the change, in their order
     * @param values one per column in canonical text form (see {@link PortableType.Kind}), or null;
     *     for a delete, the key (or the whole old row where the source logs it); none for a truncate
     * @param unchanged the columns whose value the source did not log because it did not change
     *     (PostgreSQL's TOASTed values): their entry in {@code values} is null and means "keep the
     *     previous value", never SQL NULL
     * @param commitTime when the transaction committed in the source
     * @param transactionId the source's transaction id
     */
    record Change(
            String schema,
            String table,
            Operation operation,
            List<String> columns,
            String[] values,
            BitSet unchanged,
            Instant commitTime,
            String transactionId)
            implements ChangeEvent {
        public Change {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(operation, "operation");
            columns = List.copyOf(columns);
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(unchanged, "unchanged");
            Objects.requireNonNull(commitTime, "commitTime");
            Objects.requireNonNull(transactionId, "transactionId");
        }
    }

    /**
     * The end of a transaction: every change before this one is complete.
     *
     * @param position where to resume after this transaction, and what to acknowledge once its
     *     changes are durable
     */
    record Commit(String position, Instant commitTime, String transactionId) implements ChangeEvent {
        public Commit {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(commitTime, "commitTime");
            Objects.requireNonNull(transactionId, "transactionId");
        }
    }

    /**
     * Nothing was captured up to {@code position} beyond what was already delivered, so it may be
     * acknowledged once the changes delivered before it are durable. Sources send it while the
     * captured tables are quiet, so that the source does not keep its log for them.
     */
    record Heartbeat(String position) implements ChangeEvent {
        public Heartbeat {
            Objects.requireNonNull(position, "position");
        }
    }
}
