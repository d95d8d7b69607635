package io.millrace.persistence.internal;

import io.millrace.persistence.ConnectionStore;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.StoredConnection;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** Connections and their settings; every call is one transaction. */
final class HibernateConnectionStore implements ConnectionStore {
    private final MetadataDatabase database;

    HibernateConnectionStore(MetadataDatabase database) {
        this.database = database;
    }

    @Override
    public void create(StoredConnection connection) {
        database.inTransaction(session -> {
            requireNameFree(session, connection);
            if (session.find(ConnectionRecord.class, connection.id()) != null) {
                throw new DuplicateKeyException("A connection with id '" + connection.id() + "' exists already");
            }
            session.persist(new ConnectionRecord(connection));
            return null;
        });
    }

    @Override
    public Optional<StoredConnection> find(String id) {
        return database.inTransaction(session -> Optional.ofNullable(session.find(ConnectionRecord.class, id))
                .map(ConnectionRecord::toStoredConnection));
    }

    @Override
    public List<StoredConnection> list() {
        return database.inTransaction(
                session -> session
                        .createSelectionQuery("from ConnectionRecord order by name", ConnectionRecord.class)
                        .getResultList()
                        .stream()
                        .map(ConnectionRecord::toStoredConnection)
                        .toList());
    }

    @Override
    public boolean update(StoredConnection connection) {
        return database.inTransaction(session -> {
            ConnectionRecord record = session.find(ConnectionRecord.class, connection.id());
            if (record == null) {
                return false;
            }
            requireNameFree(session, connection);
            record.copyFrom(connection);
            return true;
        });
    }

    @Override
    public boolean delete(String id) {
        return database.inTransaction(session -> {
            ConnectionRecord record = session.find(ConnectionRecord.class, id);
            if (record != null) {
                session.remove(record);
            }
            return record != null;
        });
    }

    private static void requireNameFree(Session session, StoredConnection connection) {
        boolean taken = !session.createSelectionQuery(
                        "select id from ConnectionRecord where name = :name and id <> :id", String.class)
                .setParameter("name", connection.name())
                .setParameter("id", connection.id())
                .getResultList()
                .isEmpty();
        if (taken) {
            throw new DuplicateKeyException("A connection named '" + connection.name() + "' exists already");
        }
    }
}
