package io.millrace.rest.internal;

import io.millrace.connections.ResolvedConnection;
import io.millrace.connector.api.TargetDialect;
import io.millrace.project.ProjectInfo;
import io.millrace.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The tables and views a project keeps in its target (landing, storage, storage internal schemas),
 * and a preview of the first rows of any of them, read from the target with its column types.
 */
@Path("/v1/projects/{id}/data")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_PROJECTS)
public final class ProjectDataResource {
    static final int DEFAULT_ROWS = 50;
    static final int MAX_ROWS = 500;

    @Inject
    Services services;

    /** Every table and view in the project's schemas of its target, by schema and name. */
    @GET
    public List<TargetPreview.DataObject> objects(@PathParam("id") String id) {
        return preview(id).objects();
    }

    /** The first rows (up to {@value #MAX_ROWS}, {@value #DEFAULT_ROWS} unless asked) with column types. */
    @GET
    @Path("/{schema}/{name}")
    public TargetPreview.Preview preview(
            @PathParam("id") String id,
            @PathParam("schema") String schema,
            @PathParam("name") String name,
            @QueryParam("limit") Integer limit) {
        int rows = limit == null ? DEFAULT_ROWS : limit;
        if (rows < 1 || rows > MAX_ROWS) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_ROWS + "; it is " + rows);
        }
        return preview(id).rows(schema, name, rows);
    }

    private TargetPreview preview(String id) {
        ProjectInfo project = services.projects()
                .project(id)
                .orElseThrow(() -> ApiProblem.notFound("No project has the id '" + id + "'"));
        ResolvedConnection target = services.connections().resolve(project.targetConnection());
        TargetDialect dialect = target.connector()
                .target()
                .orElseThrow(() -> new ApiProblem(
                        422,
                        "not-a-target",
                        "Not a target",
                        "The connector of " + target.info().name() + " is not a target, so it has no data to show"));
        return new TargetPreview(project.name(), dialect, target.settings());
    }
}
