package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeEvent.Change;
import io.millrace.connector.api.ChangeEvent.Operation;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.SqlStates;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputDecoder;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputException;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Begin;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Column;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Commit;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Delete;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Insert;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Relation;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Truncate;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Update;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Value;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

/**
 * The changes of a pgoutput slot as {@link ChangeEvent}s. Positions are the end of each
 * transaction's commit record: streaming from one skips exactly the transactions up to it.
 */
final class PostgresChangeStream implements ChangeStream {
    private static final long IDLE_SLEEP_MILLIS = 5;

    private final Connection replication;
    private final PGReplicationStream stream;
    private final String slot;
    private final PgOutputDecoder decoder = new PgOutputDecoder();
    private final ArrayDeque<ChangeEvent> ready = new ArrayDeque<>();
    private final Map<Long, Set<String>> primaryKeys = new HashMap<>();
    /** Each relation's column names, one list per layout, so consumers can compare them by identity. */
    private final Map<Long, List<String>> columnNames = new HashMap<>();

    private final ConnectionSettings settings;
    /** Reads primary keys from the catalog, which the replication connection cannot while streaming. */
    private Connection catalog;

    private Begin transaction;
    private LogSequenceNumber delivered;

    private PostgresChangeStream(
            ConnectionSettings settings,
            Connection replication,
            PGReplicationStream stream,
            String slot,
            LogSequenceNumber start) {
        this.settings = settings;
        this.replication = replication;
        this.stream = stream;
        this.slot = slot;
        this.delivered = start;
    }

    static PostgresChangeStream start(ConnectionSettings settings, String slot, LogSequenceNumber start)
            throws SQLException {
        CaptureSlot.requireValidName(slot);
        Connection replication = CaptureSlot.openReplication(settings);
        try {
            PGReplicationStream stream = CaptureSlot.startStream(replication, slot, start);
            return new PostgresChangeStream(settings, replication, stream, slot, start);
        } catch (SQLException | RuntimeException e) {
            replication.close();
            throw e;
        }
    }

    @Override
    public Optional<ChangeEvent> next(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (ready.isEmpty()) {
                ByteBuffer message = stream.readPending();
                if (message != null) {
                    Optional<PgOutputMessage> decoded = decoder.decode(message);
                    if (decoded.isPresent()) {
                        translate(decoded.get());
                    }
                    continue;
                }
                if (transaction == null && stream.getLastReceiveLSN().compareTo(delivered) > 0) {
                    // Between transactions the server has sent everything before this position.
                    delivered = stream.getLastReceiveLSN();
                    return Optional.of(new ChangeEvent.Heartbeat(delivered.asString()));
                }
                if (System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
                TimeUnit.MILLISECONDS.sleep(IDLE_SLEEP_MILLIS);
            }
            return Optional.of(ready.poll());
        } catch (SQLException e) {
            throw new ConnectorException(
                    "The replication stream of slot " + slot + " broke: " + e.getMessage(),
                    e,
                    SqlStates.isTransient(e));
        } catch (PgOutputException e) {
            throw new ConnectorException(
                    "Cannot decode the replication stream of slot " + slot + " after " + delivered.asString() + ": "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void translate(PgOutputMessage message) throws SQLException {
        if (message instanceof Relation relation) {
            primaryKeys.remove(relation.id());
            columnNames.put(
                    relation.id(), relation.columns().stream().map(Column::name).toList());
        } else if (message instanceof Begin begin) {
            transaction = begin;
        } else if (message instanceof Commit commit) {
            LogSequenceNumber end = LogSequenceNumber.valueOf(commit.endLsn());
            ready.add(new ChangeEvent.Commit(end.asString(), commit.commitTime(), transactionId()));
            delivered = end;
            transaction = null;
        } else if (message instanceof Insert insert) {
            ready.add(change(insert.relation(), Operation.INSERT, insert.row()));
        } else if (message instanceof Update update) {
            translateUpdate(update);
        } else if (message instanceof Delete delete) {
            ready.add(change(delete.relation(), Operation.DELETE, delete.oldRow()));
        } else if (message instanceof Truncate truncate) {
            for (Relation relation : truncate.relations()) {
                List<Value> nothing = Collections.nCopies(relation.columns().size(), new Value.Null());
                ready.add(change(relation, Operation.TRUNCATE, nothing));
            }
        }
        // Relations are kept by the decoder; types and origins add nothing to the changes.
    }

    /**
     * An update that moves a row to another key lands as a delete of the old key and an insert. In
     * a table without a primary key, whose rows only their whole content tells apart, every update
     * does.
     */
    private void translateUpdate(Update update) throws SQLException {
        Relation relation = update.relation();
        if (update.oldRow().isPresent() && keyChanged(relation, update.oldRow().get(), update.row())) {
            ready.add(change(relation, Operation.DELETE, update.oldRow().get()));
            ready.add(change(relation, Operation.INSERT, update.row()));
        } else {
            ready.add(change(relation, Operation.UPDATE, update.row()));
        }
    }

    private boolean keyChanged(Relation relation, List<Value> oldRow, List<Value> newRow) throws SQLException {
        Set<String> key = primaryKey(relation);
        if (key.isEmpty()) {
            return true;
        }
        List<Column> columns = relation.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (key.contains(columns.get(i).name()) && !oldRow.get(i).equals(newRow.get(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The primary key's columns: not the relation's key flags, which mark every column of a table
     * with {@code REPLICA IDENTITY FULL}.
     */
    private Set<String> primaryKey(Relation relation) throws SQLException {
        Set<String> known = primaryKeys.get(relation.id());
        if (known != null) {
            return known;
        }
        if (catalog == null) {
            catalog = PostgresConnection.open(settings);
        }
        Set<String> key = new HashSet<>();
        try (PreparedStatement query = catalog.prepareStatement(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                        + " ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = ?::oid AND i.indisprimary")) {
            query.setLong(1, relation.id());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        primaryKeys.put(relation.id(), key);
        return key;
    }

    private Change change(Relation relation, Operation operation, List<Value> row) {
        String[] values = new String[row.size()];
        BitSet unchanged = new BitSet();
        for (int i = 0; i < values.length; i++) {
            Value value = row.get(i);
            if (value instanceof Value.Text text) {
                values[i] = text.text();
            } else if (value instanceof Value.Unchanged) {
                unchanged.set(i);
            }
        }
        Instant commitTime = transaction == null ? Instant.now() : transaction.commitTime();
        return new Change(
                relation.schema(),
                relation.name(),
                operation,
                columnNames.computeIfAbsent(
                        relation.id(),
                        id -> relation.columns().stream().map(Column::name).toList()),
                values,
                unchanged,
                commitTime,
                transactionId());
    }

    private String transactionId() {
        return transaction == null ? "" : Long.toString(transaction.transactionId());
    }

    @Override
    public void acknowledge(String position) {
        LogSequenceNumber durable = LogSequenceNumber.valueOf(position);
        stream.setFlushedLSN(durable);
        stream.setAppliedLSN(durable);
    }

    @Override
    public void close() {
        try {
            try {
                stream.forceUpdateStatus();
            } finally {
                replication.close();
                if (catalog != null) {
                    catalog.close();
                }
            }
        } catch (SQLException e) {
            // A broken connection cannot report its position; the slot keeps the last one it got.
        }
    }
}
