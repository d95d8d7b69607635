package io.millrace.rest.internal;

import io.millrace.engine.TaskStatus;
import io.millrace.engine.Verification;
import io.millrace.project.ProjectInfo;
import io.millrace.project.ProjectRequest;
import io.millrace.project.TableName;
import io.millrace.project.TaskInfo;
import io.millrace.project.TaskRequest;
import io.millrace.security.Permission;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Projects, their tasks, and running them: start, stop, reload a table, and watch the status. */
@Path("/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_PROJECTS)
public final class ProjectResource {
    @Inject
    Services services;

    @Context
    UriInfo uri;

    @GET
    public List<ProjectInfo> list() {
        return services.projects().projects();
    }

    /** A project lands data in its target connection, in schemas named after it. */
    @POST
    public Response create(ProjectRequest request) {
        ProjectInfo created = services.projects()
                .createProject(Requests.require(request, "a JSON object with name, type and targetConnection"));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    public ProjectInfo find(@PathParam("id") String id) {
        return services.projects()
                .project(id)
                .orElseThrow(() -> ApiProblem.notFound("No project has the id '" + id + "'"));
    }

    /** Stops the project's tasks, removes what they keep in their sources, and deletes the project. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        for (TaskInfo task : services.projects().tasks(id)) {
            services.taskEngine().release(id, task.id());
        }
        services.projects().deleteProject(id);
        return Response.noContent().build();
    }

    /** Starts every task of the project, landing before storage. */
    @POST
    @Path("/{id}/actions/start")
    public List<TaskStatus> startProject(@PathParam("id") String id) {
        return services.taskEngine().startProject(id);
    }

    /** Stops every task of the project, storage before landing. */
    @POST
    @Path("/{id}/actions/stop")
    public List<TaskStatus> stopProject(@PathParam("id") String id) {
        return services.taskEngine().stopProject(id);
    }

    @GET
    @Path("/{id}/tasks")
    public List<TaskInfo> tasks(@PathParam("id") String id) {
        return services.projects().tasks(id);
    }

    /**
     * A landing task (a source connection, a table selection, and full-load, full-load+cdc or
     * incremental) or a storage task ({@code storage}: the landing task it reads, history on or off,
     * apply interval).
     */
    @POST
    @Path("/{id}/tasks")
    @Operation(
            summary = "Adds a landing or storage task to the project",
            description = "A landing task reads tables of sourceConnection in one of three modes. full-load: the"
                    + " tables in full, again at every start. full-load+cdc: in full, then every change from the"
                    + " source's log (sources with change data capture). incremental: in full, then on"
                    + " incremental.schedule ('every 15m' or a cron expression in UTC) the rows whose monotonic"
                    + " column (an updated-at timestamp or an increasing id: incremental.column, or per table"
                    + " incremental.columns {\"schema.table\": \"column\"}) is at or above the highest value landed"
                    + " before, as upserts; rows deleted in the source are NOT seen. Every table needs its column: a"
                    + " problem+json 422 names the tables that lack it. A storage task (type storage) keeps current"
                    + " and history tables of a landing task's tables.")
    public Response createTask(@PathParam("id") String id, TaskRequest request) {
        TaskInfo created = services.projects()
                .createTask(
                        id,
                        Requests.require(request, "a JSON object with name, type, sourceConnection, tables and mode"));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}/tasks/{taskId}")
    public TaskInfo task(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return services.projects()
                .task(id, taskId)
                .orElseThrow(() -> ApiProblem.notFound("No task has the id '" + taskId + "' in this project"));
    }

    /** Stops the task, drops its capture in the source (replication slot), and deletes it. */
    @DELETE
    @Path("/{id}/tasks/{taskId}")
    public Response deleteTask(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        services.taskEngine().release(id, taskId);
        services.projects().deleteTask(id, taskId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/tasks/{taskId}/actions/start")
    public TaskStatus start(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return services.taskEngine().start(id, taskId);
    }

    @POST
    @Path("/{id}/tasks/{taskId}/actions/stop")
    public TaskStatus stop(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return services.taskEngine().stop(id, taskId);
    }

    /** Loads one table again, given as {@code {"schema": ..., "table": ...}}, while changes keep landing. */
    @POST
    @Path("/{id}/tasks/{taskId}/actions/reload")
    public TaskStatus reload(@PathParam("id") String id, @PathParam("taskId") String taskId, TableName table) {
        TableName named = Requests.require(table, "a JSON object with schema and table");
        return services.taskEngine().reload(id, taskId, named.schema(), named.table());
    }

    /** Applies a storage task's landed changes now, whatever its interval. */
    @POST
    @Path("/{id}/tasks/{taskId}/actions/apply")
    public TaskStatus apply(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return services.taskEngine().apply(id, taskId);
    }

    /** Starts an incremental landing task's run now, whatever its schedule. */
    @POST
    @Path("/{id}/tasks/{taskId}/actions/run")
    @Operation(
            summary = "Starts a run of a running incremental landing task now",
            description = "The run reads the rows whose monotonic column is at or above the last mark, as a"
                    + " scheduled run does; the schedule goes on as before. Asked while a run is in progress, one"
                    + " more run follows it (further requests meanwhile add none), so rows committed before the"
                    + " request land. Answers 202 with the task's status. A task that does not"
                    + " land incrementally gets a problem+json 422, a task that is not running a 409.")
    public Response run(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return Response.accepted(services.taskEngine().runNow(id, taskId)).build();
    }

    /** Which tables to verify, as {@code schema.table}; all of the task's tables when none are named. */
    public record VerifyRequest(List<String> tables) {}

    /**
     * Starts comparing the source tables with storage's current tables (for a landing task: those
     * of the storage task reading it); the verification runs on, and its report is at the address
     * this answers with.
     */
    @POST
    @Path("/{id}/tasks/{taskId}/actions/verify")
    public Response verify(@PathParam("id") String id, @PathParam("taskId") String taskId, VerifyRequest request) {
        List<String> tables = request == null || request.tables() == null ? List.of() : request.tables();
        Verification started = services.taskEngine().verify(id, taskId, tables);
        return Response.accepted(started)
                .location(uri.getBaseUriBuilder()
                        .path("v1/projects/{id}/tasks/{taskId}/verifications/{verificationId}")
                        .build(id, started.taskId(), started.id()))
                .build();
    }

    /** The task's verifications since the server started, newest first. */
    @GET
    @Path("/{id}/tasks/{taskId}/verifications")
    public List<Verification> verifications(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return services.taskEngine().verifications(id, taskId);
    }

    /** A verification's report: per table equal or differing, the first differing keys with both values. */
    @GET
    @Path("/{id}/tasks/{taskId}/verifications/{verificationId}")
    public Verification verification(
            @PathParam("id") String id,
            @PathParam("taskId") String taskId,
            @PathParam("verificationId") String verificationId) {
        return services.taskEngine().verifications(id, taskId).stream()
                .filter(verification -> verification.id().equals(verificationId))
                .findFirst()
                .orElseThrow(() -> ApiProblem.notFound("No verification of this task has the id '" + verificationId
                        + "' (verifications are kept while the server runs)"));
    }

    /** State, per-table progress, source position, latency, changes landed, and the last error. */
    @GET
    @Path("/{id}/tasks/{taskId}/status")
    public TaskStatus status(@PathParam("id") String id, @PathParam("taskId") String taskId) {
        return services.taskEngine().status(id, taskId);
    }
}
