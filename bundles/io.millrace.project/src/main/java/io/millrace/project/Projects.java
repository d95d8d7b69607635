package io.millrace.project;

import io.millrace.connector.api.TableDescription;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The projects users have defined, and their tasks. */
@ProviderType
public interface Projects {
    /**
     * @throws ProjectRejectedException when a value is not usable, the name is taken, or the target
     *     connection does not exist or is not a target
     */
    ProjectInfo createProject(ProjectRequest request);

    /** Every project, ordered by name. */
    List<ProjectInfo> projects();

    Optional<ProjectInfo> project(String id);

    /**
     * Deletes a project with its tasks; the caller stops and releases the tasks first.
     *
     * @throws ProjectRejectedException when there is no such project
     */
    void deleteProject(String id);

    /**
     * Checks the task against its source (the selection must match at least one table) and saves it,
     * stopped.
     *
     * @throws ProjectRejectedException when the project does not exist, a value is not usable, or the
     *     name is taken in the project
     * @throws io.millrace.connector.api.CatalogException when the source cannot be read
     */
    TaskInfo createTask(String projectId, TaskRequest request);

    /**
     * The tasks of a project, ordered by name.
     *
     * @throws ProjectRejectedException when there is no such project
     */
    List<TaskInfo> tasks(String projectId);

    /** A task of a project. */
    Optional<TaskInfo> task(String projectId, String taskId);

    /** The tasks of every project, to bring each to its desired state when the server starts. */
    List<TaskInfo> allTasks();

    /** @throws ProjectRejectedException when there is no such task */
    void deleteTask(String projectId, String taskId);

    /**
     * Records whether a task should run, so the server resumes it after a restart.
     *
     * @param desiredState {@link TaskInfo#RUNNING} or {@link TaskInfo#STOPPED}
     */
    void setDesiredState(String taskId, String desiredState);

    /**
     * The source tables a task moves, as the source describes them now.
     *
     * @throws ProjectRejectedException when the selection matches no table any more
     * @throws io.millrace.connector.api.CatalogException when the source cannot be read
     */
    List<TableDescription> selectedTables(TaskInfo task);
}
