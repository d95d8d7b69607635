package io.millrace.connector.postgres.internal.pgoutput;

import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Begin;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Column;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Commit;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Delete;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Insert;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Origin;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Relation;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Truncate;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Type;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Update;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Value;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the messages of the pgoutput plugin, protocol version 1, as described in PostgreSQL's
 * "Logical Replication Message Formats". It remembers the relations it has been sent, because row
 * changes refer to them by id. Not thread-safe: one decoder per replication stream.
 */
public final class PgOutputDecoder {
    /** PostgreSQL counts time in microseconds from 2000-01-01 UTC. */
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private static final Value NULL = new Value.Null();
    private static final Value UNCHANGED = new Value.Unchanged();

    private final Map<Long, Relation> relations = new HashMap<>();

    /**
     * Decodes one message.
     *
     * @return the message, or empty for message kinds replication does not need (logical decoding
     *     messages)
     * @throws PgOutputException when the message is malformed or refers to an unknown relation
     */
    public Optional<PgOutputMessage> decode(ByteBuffer message) {
        try {
            char kind = (char) message.get();
            return Optional.ofNullable(
                    switch (kind) {
                        case 'B' -> new Begin(message.getLong(), time(message.getLong()), unsigned(message.getInt()));
                        case 'C' -> commit(message);
                        case 'R' -> remember(relation(message));
                        case 'Y' -> new Type(unsigned(message.getInt()), string(message), string(message));
                        case 'I' -> insert(message);
                        case 'U' -> update(message);
                        case 'D' -> delete(message);
                        case 'T' -> truncate(message);
                        case 'O' -> new Origin(message.getLong(), string(message));
                        case 'M' -> null;
                        default -> throw new PgOutputException("Unknown pgoutput message kind '" + kind + "'");
                    });
        } catch (BufferUnderflowException e) {
            throw new PgOutputException("A pgoutput message ended early", e);
        }
    }

    private static Commit commit(ByteBuffer message) {
        message.get(); // flags, unused in protocol version 1
        return new Commit(message.getLong(), message.getLong(), time(message.getLong()));
    }

    private static Relation relation(ByteBuffer message) {
        long id = unsigned(message.getInt());
        String schema = string(message);
        String name = string(message);
        char replicaIdentity = (char) message.get();
        int count = message.getShort();
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (message.get() & 1) != 0;
            columns.add(new Column(string(message), key, unsigned(message.getInt()), message.getInt()));
        }
        return new Relation(id, schema, name, replicaIdentity, columns);
    }

    private Relation remember(Relation relation) {
        relations.put(relation.id(), relation);
        return relation;
    }

    private Insert insert(ByteBuffer message) {
        Relation relation = relation(unsigned(message.getInt()));
        expect(message, 'N');
        return new Insert(relation, tuple(message));
    }

    private Update update(ByteBuffer message) {
        Relation relation = relation(unsigned(message.getInt()));
        char marker = (char) message.get();
        Optional<List<Value>> oldRow = Optional.empty();
        if (marker == 'K' || marker == 'O') {
            oldRow = Optional.of(tuple(message));
            marker = (char) message.get();
        }
        if (marker != 'N') {
            throw new PgOutputException("An update holds '" + marker + "' where the new row ('N') belongs");
        }
        return new Update(relation, oldRow, tuple(message));
    }

    private Delete delete(ByteBuffer message) {
        Relation relation = relation(unsigned(message.getInt()));
        char marker = (char) message.get();
        if (marker != 'K' && marker != 'O') {
            throw new PgOutputException("A delete holds '" + marker + "' where the old row ('K' or 'O') belongs");
        }
        return new Delete(relation, tuple(message));
    }

    private Truncate truncate(ByteBuffer message) {
        int count = message.getInt();
        int options = message.get();
        List<Relation> truncated = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            truncated.add(relation(unsigned(message.getInt())));
        }
        return new Truncate(truncated, (options & 1) != 0, (options & 2) != 0);
    }

    private Relation relation(long id) {
        Relation relation = relations.get(id);
        if (relation == null) {
            throw new PgOutputException("A change refers to relation " + id + ", which was never described");
        }
        return relation;
    }

    private static List<Value> tuple(ByteBuffer message) {
        int count = message.getShort();
        List<Value> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            char kind = (char) message.get();
            values.add(
                    switch (kind) {
                        case 'n' -> NULL;
                        case 'u' -> UNCHANGED;
                        case 't' -> {
                            byte[] text = new byte[message.getInt()];
                            message.get(text);
                            yield new Value.Text(new String(text, StandardCharsets.UTF_8));
                        }
                        default -> throw new PgOutputException("Unknown column value kind '" + kind + "'");
                    });
        }
        return values;
    }

    private static void expect(ByteBuffer message, char marker) {
        char found = (char) message.get();
        if (found != marker) {
            throw new PgOutputException("Expected '" + marker + "' in a pgoutput message, found '" + found + "'");
        }
    }

    /** A null-terminated string in the server encoding, which a replication connection sets to UTF-8. */
    private static String string(ByteBuffer message) {
        int start = message.position();
        int end = start;
        while (message.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        message.get(bytes);
        message.get(); // the terminating zero
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Instant time(long microseconds) {
        return POSTGRES_EPOCH.plus(microseconds, ChronoUnit.MICROS);
    }

    private static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }
}
