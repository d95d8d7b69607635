package io.millrace.connector.postgres.internal.pgoutput;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages of PostgreSQL's pgoutput logical decoding plugin (protocol version 1) that matter
 * for replication, decoded. Positions are WAL locations (LSNs) as unsigned 64-bit numbers.
 */
public sealed interface PgOutputMessage {

    /** A transaction starts; its changes follow, then its {@link Commit}. */
    record Begin(long finalLsn, Instant commitTime, long transactionId) implements PgOutputMessage {}

    /** The transaction that began last is committed. */
    record Commit(long commitLsn, long endLsn, Instant commitTime) implements PgOutputMessage {}

    /**
     * The layout of a table, sent before the first change to it in a session and again after it
     * changes. Changes refer to it by {@code id}.
     */
    record Relation(long id, String schema, String name, char replicaIdentity, List<Column> columns)
            implements PgOutputMessage {
        public Relation {
            columns = List.copyOf(columns);
        }
    }

    /**
     * @param key whether the column is part of the replica identity (usually the primary key)
     * @param typeOid the column type's oid, see {@code pg_type}
     * @param typeModifier such as the length of a varchar plus 4, or -1
     */
    record Column(String name, boolean key, long typeOid, int typeModifier) {}

    /** A user-defined type's name, sent before a relation that uses it. */
    record Type(long oid, String schema, String name) implements PgOutputMessage {}

    record Insert(Relation relation, List<Value> row) implements PgOutputMessage {
        public Insert {
            row = List.copyOf(row);
        }
    }

    /**
     * @param oldRow the old key ({@code K}) or whole old row ({@code O}, replica identity full),
     *     sent only when the key changed or identity is full
     */
    record Update(Relation relation, Optional<List<Value>> oldRow, List<Value> row) implements PgOutputMessage {
        public Update {
            oldRow = oldRow.map(List::copyOf);
            row = List.copyOf(row);
        }
    }

    /** @param oldRow the deleted row's key columns, or all its columns with replica identity full */
    record Delete(Relation relation, List<Value> oldRow) implements PgOutputMessage {
        public Delete {
            oldRow = List.copyOf(oldRow);
        }
    }

    record Truncate(List<Relation> relations, boolean cascade, boolean restartIdentity) implements PgOutputMessage {
        public Truncate {
            relations = List.copyOf(relations);
        }
    }

    /** The origin of a transaction replicated from elsewhere. */
    record Origin(long lsn, String name) implements PgOutputMessage {}

    /** One column of a row as sent: NULL, unchanged (a TOASTed value the update did not touch), or text. */
    sealed interface Value {
        /** The column is NULL. */
        record Null() implements Value {}

        /**
         * The column holds a large (TOASTed) value that the update did not change and that PostgreSQL
         * did not send: the previous value still holds, it is not NULL.
         */
        record Unchanged() implements Value {}

        /** The value in PostgreSQL's text output form. */
        record Text(String text) implements Value {}
    }
}
