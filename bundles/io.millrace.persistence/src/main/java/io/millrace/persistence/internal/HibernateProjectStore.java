package io.millrace.persistence.internal;

import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.ProjectStore;
import io.millrace.persistence.StoreException;
import io.millrace.persistence.StoredProject;
import io.millrace.persistence.StoredTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/** Projects and their tasks; every call is one transaction. */
final class HibernateProjectStore implements ProjectStore {
    private final MetadataDatabase database;

    HibernateProjectStore(MetadataDatabase database) {
        this.database = database;
    }

    @Override
    public void create(StoredProject project) {
        database.inTransaction(session -> {
            if (session.find(ProjectRecord.class, project.id()) != null) {
                throw new DuplicateKeyException("A project with id '" + project.id() + "' exists already");
            }
            requireNameFree(session, project);
            requireConnection(
                    session, project.targetConnectionId(), "the target of the project '" + project.name() + "'");
            session.persist(new ProjectRecord(project));
            return null;
        });
    }

    @Override
    public Optional<StoredProject> find(String id) {
        return database.inTransaction(session ->
                Optional.ofNullable(session.find(ProjectRecord.class, id)).map(ProjectRecord::toStoredProject));
    }

    @Override
    public List<StoredProject> list() {
        return database.inTransaction(session ->
                session
                        .createSelectionQuery("from ProjectRecord order by name", ProjectRecord.class)
                        .getResultList()
                        .stream()
                        .map(ProjectRecord::toStoredProject)
                        .toList());
    }

    @Override
    public boolean update(StoredProject project) {
        return database.inTransaction(session -> {
            ProjectRecord record = session.find(ProjectRecord.class, project.id());
            if (record == null) {
                return false;
            }
            requireNameFree(session, project);
            requireConnection(
                    session, project.targetConnectionId(), "the target of the project '" + project.name() + "'");
            record.copyFrom(project);
            return true;
        });
    }

    @Override
    public boolean delete(String id) {
        // The database deletes the project's tasks with it (ON DELETE CASCADE).
        return database.inTransaction(session -> session.createMutationQuery("delete from ProjectRecord where id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                > 0);
    }

    @Override
    public void createTask(StoredTask task) {
        database.inTransaction(session -> {
            if (session.find(TaskRecord.class, task.id()) != null) {
                throw new DuplicateKeyException("A task with id '" + task.id() + "' exists already");
            }
            ProjectRecord project = session.find(ProjectRecord.class, task.projectId());
            if (project == null) {
                throw new StoreException("There is no project with id '" + task.projectId() + "' to hold the task '"
                        + task.name() + "'");
            }
            requireTaskNameFree(session, project, task.id(), task.name());
            requireSource(session, task);
            session.persist(new TaskRecord(task));
            return null;
        });
    }

    @Override
    public Optional<StoredTask> findTask(String id) {
        return database.inTransaction(session ->
                Optional.ofNullable(session.find(TaskRecord.class, id)).map(TaskRecord::toStoredTask));
    }

    @Override
    public List<StoredTask> tasks(String projectId) {
        return database.inTransaction(session -> session
                .createSelectionQuery("from TaskRecord where projectId = :projectId order by name", TaskRecord.class)
                .setParameter("projectId", projectId)
                .getResultList()
                .stream()
                .map(TaskRecord::toStoredTask)
                .toList());
    }

    @Override
    public List<StoredTask> allTasks() {
        return database.inTransaction(session -> session
                .createSelectionQuery(
                        "select t from TaskRecord t join ProjectRecord p on p.id = t.projectId order by p.name, t.name",
                        TaskRecord.class)
                .getResultList()
                .stream()
                .map(TaskRecord::toStoredTask)
                .toList());
    }

    @Override
    public boolean updateTask(StoredTask task) {
        return database.inTransaction(session -> {
            TaskRecord record = session.find(TaskRecord.class, task.id());
            if (record == null) {
                return false;
            }
            requireTaskNameFree(session, session.find(ProjectRecord.class, record.projectId), task.id(), task.name());
            requireSource(session, task);
            record.copyFrom(task);
            return true;
        });
    }

    @Override
    public boolean setDesiredState(String taskId, String desiredState, Instant at) {
        return database.inTransaction(session -> session.createMutationQuery(
                                "update TaskRecord set desiredState = :state, updatedAt = :at where id = :id")
                        .setParameter("state", desiredState)
                        .setParameter("at", at)
                        .setParameter("id", taskId)
                        .executeUpdate()
                > 0);
    }

    @Override
    public boolean deleteTask(String id) {
        return database.inTransaction(session -> session.createMutationQuery("delete from TaskRecord where id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                > 0);
    }

    private static void requireNameFree(Session session, StoredProject project) {
        boolean taken = !session.createSelectionQuery(
                        "select id from ProjectRecord where name = :name and id <> :id", String.class)
                .setParameter("name", project.name())
                .setParameter("id", project.id())
                .getResultList()
                .isEmpty();
        if (taken) {
            throw new DuplicateKeyException("A project named '" + project.name() + "' exists already");
        }
    }

    private static void requireTaskNameFree(Session session, ProjectRecord project, String taskId, String name) {
        boolean taken = !session.createSelectionQuery(
                        "select id from TaskRecord where projectId = :projectId and name = :name and id <> :id",
                        String.class)
                .setParameter("projectId", project.id)
                .setParameter("name", name)
                .setParameter("id", taskId)
                .getResultList()
                .isEmpty();
        if (taken) {
            throw new DuplicateKeyException(
                    "The project '" + project.name + "' has a task named '" + name + "' already");
        }
    }

    private static void requireSource(Session session, StoredTask task) {
        task.sourceConnectionId()
                .ifPresent(id -> requireConnection(session, id, "the source of the task '" + task.name() + "'"));
    }

    /** Refuses, with a message saying what it was for, a connection id that names no connection. */
    private static void requireConnection(Session session, String connectionId, String purpose) {
        if (session.find(ConnectionRecord.class, connectionId) == null) {
            throw new StoreException("There is no connection with id '" + connectionId + "' to be " + purpose);
        }
    }
}
