package io.millrace.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Providers;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * The live status of a project's tasks as server-sent events, so that a console watches a running
 * project without asking again and again. Each second it sends an event {@code status} whose data is
 * {@code {"at": ..., "tasks": [TaskStatus...]}}. The stream ends with an event {@code expired} when
 * the caller's token stops being valid, and after {@link ProjectEventStream#LIFETIME}, after which
 * clients connect again.
 */
@Path("/v1/projects/{id}/events")
@RequiresPermission(Permission.MANAGE_PROJECTS)
public final class ProjectEventResource {
    static final String EVENT_STREAM = "text/event-stream";

    @Inject
    Services services;

    @Context
    HttpHeaders headers;

    @Context
    Providers providers;

    /** One event per second with the status of every task of the project, in task order. */
    @GET
    @Produces(EVENT_STREAM)
    public ChunkedOutput<String> events(@PathParam("id") String id) {
        services.projects().project(id).orElseThrow(() -> ApiProblem.notFound("No project has the id '" + id + "'"));
        // The authentication filter has checked the header: it holds a valid bearer credential.
        String credential = headers.getHeaderString(HttpHeaders.AUTHORIZATION)
                .substring("Bearer ".length())
                .trim();
        ObjectMapper json = providers
                .getContextResolver(ObjectMapper.class, MediaType.WILDCARD_TYPE)
                .getContext(ObjectMapper.class);
        ChunkedOutput<String> output = new ChunkedOutput<>(String.class);
        new ProjectEventStream(services, id, credential, json, output).start();
        return output;
    }
}
