package io.millrace.rest.internal;

import io.millrace.connections.ConnectionInfo;
import io.millrace.connections.ConnectionRequest;
import io.millrace.connector.api.TableDescription;
import io.millrace.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Connections to source and target systems; secrets go in, and are never given back. */
@Path("/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_CONNECTIONS)
public final class ConnectionResource {
    @Inject
    Services services;

    @Context
    UriInfo uri;

    @GET
    public List<ConnectionInfo> list() {
        return services.connections().list();
    }

    @POST
    public Response create(ConnectionRequest request) {
        ConnectionInfo created = services.connections()
                .create(Requests.require(request, "a JSON object with name, connector, properties and secrets"));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    public ConnectionInfo find(@PathParam("id") String id) {
        return services.connections()
                .find(id)
                .orElseThrow(() -> ApiProblem.notFound("No connection has the id '" + id + "'"));
    }

    /** Replaces name and properties; secrets not named in the request are kept. */
    @PUT
    @Path("/{id}")
    public ConnectionInfo update(@PathParam("id") String id, ConnectionRequest request) {
        return services.connections()
                .update(id, Requests.require(request, "a JSON object with name, connector, properties and secrets"));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        services.connections().delete(id);
        return Response.noContent().build();
    }

    /** Tries the saved settings: reachability, credentials, and what the connector needs. */
    @POST
    @Path("/{id}/test")
    public ConnectionTestResult test(@PathParam("id") String id) {
        return ConnectionTestResult.of(
                services.connections().test(id),
                services.connections().resolve(id).connector());
    }

    /** The tables the connection can see: columns with source and portable types, primary keys. */
    @GET
    @Path("/{id}/catalog")
    public List<TableDescription> catalog(@PathParam("id") String id) {
        return services.connections().catalog(id);
    }
}
