package io.millrace.persistence.internal;

import io.millrace.persistence.ConnectionStore;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.ReferencedException;
import io.millrace.persistence.StoredConnection;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;

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
            if (record == null) {
                return false;
            }
            requireUnused(session, record);
            session.remove(record);
            try {
                session.flush();
            } catch (ConstraintViolationException e) {
                // A project or task that started using the connection after the check above.
                if (e.getKind() != ConstraintKind.FOREIGN_KEY) {
                    throw e;
                }
                throw new ReferencedException("The connection '" + record.name + "' is used by a project or task");
            }
            return true;
        });
    }

    /** Names the first project or task, by name, that uses the connection. */
    private static void requireUnused(Session session, ConnectionRecord connection) {
        List<String> projects = session.createSelectionQuery(
                        "select name from ProjectRecord where targetConnectionId = :id order by name", String.class)
                .setParameter("id", connection.id)
                .setMaxResults(1)
                .getResultList();
        if (!projects.isEmpty()) {
            throw new ReferencedException(
                    "The connection '" + connection.name + "' is used by the project '" + projects.get(0) + "'");
        }
        List<Object[]> tasks = session.createSelectionQuery(
                        "select t.name, p.name from TaskRecord t join ProjectRecord p on p.id = t.projectId"
                                + " where t.sourceConnectionId = :id order by p.name, t.name",
                        Object[].class)
                .setParameter("id", connection.id)
                .setMaxResults(1)
                .getResultList();
        if (!tasks.isEmpty()) {
            throw new ReferencedException("The connection '" + connection.name + "' is used by the task '"
                    + tasks.get(0)[0] + "' of the project '" + tasks.get(0)[1] + "'");
        }
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
