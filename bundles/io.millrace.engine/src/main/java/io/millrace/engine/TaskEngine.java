package io.millrace.engine;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts, stops and watches data tasks. A started task keeps running, and runs again after a server
 * restart, until it is stopped.
 */
@ProviderType
public interface TaskEngine {
    /**
     * Starts a task of a project; does nothing when it runs already.
     *
     * @throws io.millrace.project.ProjectRejectedException when there is no such task, or its
     *     connections or tables are no longer usable
     */
    TaskStatus start(String projectId, String taskId);

    /** Stops a task; what it has not committed is landed again on the next start. */
    TaskStatus stop(String projectId, String taskId);

    /**
     * Loads one table of a task again from the source; a stopped task is started for it.
     *
     * @throws io.millrace.project.ProjectRejectedException when the table is not one of the task's
     */
    TaskStatus reload(String projectId, String taskId, String schema, String table);

    /**
     * Applies a storage task's pending changes now, whatever its interval; a stopped task applies
     * once and stays stopped.
     *
     * @throws io.millrace.project.ProjectRejectedException when the task is not a storage task
     */
    TaskStatus apply(String projectId, String taskId);

    /**
     * Starts a run of a running incremental landing task now, whatever its schedule, which goes on
     * as before. Asked while a run is in progress, it runs once more right after that one (requests
     * meanwhile make one run), so rows committed before the request are read.
     *
     * @throws io.millrace.project.ProjectRejectedException {@code INVALID} when the task does not land
     *     incrementally, {@code CONFLICT} when it is not running
     */
    TaskStatus runNow(String projectId, String taskId);

    /** @throws io.millrace.project.ProjectRejectedException when there is no such task */
    TaskStatus status(String projectId, String taskId);

    /**
     * Starts comparing the source tables of a storage task (or of the storage task reading a
     * landing task) with its current tables, and returns the verification, running.
     *
     * @param tables {@code schema.table} names to compare; all of the task's tables when empty
     * @throws io.millrace.project.ProjectRejectedException when there is no such task, the project
     *     has no storage task, or a table is not one of the task's
     */
    Verification verify(String projectId, String taskId, List<String> tables);

    /** The verifications of a task since the server started, newest first. */
    List<Verification> verifications(String projectId, String taskId);

    /** Starts every task of a project, landing before storage, and returns their states. */
    List<TaskStatus> startProject(String projectId);

    /** Stops every task of a project, storage before landing. */
    List<TaskStatus> stopProject(String projectId);

    /**
     * Stops a task and removes what it keeps in the source (PostgreSQL: its replication slot and
     * publication), before the task is deleted.
     */
    void release(String projectId, String taskId);
}
