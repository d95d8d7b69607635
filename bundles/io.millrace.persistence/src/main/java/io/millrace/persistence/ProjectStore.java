package io.millrace.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Projects and their data tasks. A task belongs to one project and goes when its project goes. */
@ProviderType
public interface ProjectStore {

    /**
     * Stores a new project.
     *
     * @throws DuplicateKeyException when the id or the name is taken
     * @throws StoreException when there is no connection with the target connection id
     */
    void create(StoredProject project);

    /** The project with that id, if there is one. */
    Optional<StoredProject> find(String id);

    /** Every project, ordered by name. */
    List<StoredProject> list();

    /**
     * Replaces a project's name, type, target connection and update time; the id and creation time
     * stay.
     *
     * @return false when there is no project with that id
     * @throws DuplicateKeyException when the new name is taken by another project
     * @throws StoreException when there is no connection with the target connection id
     */
    boolean update(StoredProject project);

    /**
     * Deletes a project together with its tasks.
     *
     * @return false when there was no project with that id
     */
    boolean delete(String id);

    /**
     * Stores a new task in its project.
     *
     * @throws DuplicateKeyException when the id is taken, or the name within the project
     * @throws StoreException when there is no such project or no such source connection
     */
    void createTask(StoredTask task);

    /** The task with that id, if there is one. */
    Optional<StoredTask> findTask(String id);

    /** The tasks of one project, ordered by name; empty when there is no such project. */
    List<StoredTask> tasks(String projectId);

    /** The tasks of all projects, ordered by project name and then task name, to resume them at startup. */
    List<StoredTask> allTasks();

    /**
     * Replaces a task's name, source connection, settings, desired state and update time; the id,
     * project, type and creation time stay.
     *
     * @return false when there is no task with that id
     * @throws DuplicateKeyException when the new name is taken by another task of the project
     * @throws StoreException when there is no such source connection
     */
    boolean updateTask(StoredTask task);

    /**
     * Records the state the server should bring a task to, such as when a user starts or stops it.
     *
     * @return false when there is no task with that id
     */
    boolean setDesiredState(String taskId, String desiredState, Instant at);

    /** @return false when there was no task with that id */
    boolean deleteTask(String id);
}
