package io.millrace.rest.internal;

import io.millrace.security.ApiKeyInfo;
import io.millrace.security.CreatedApiKey;
import io.millrace.security.Permission;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The caller's API keys, for scripts. */
@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_OWN_CREDENTIALS)
public final class ApiKeyResource {
    @Inject
    Services services;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    public record NewApiKey(String name, Instant expiresAt) {}

    /** The key's secret is in {@code secret}: shown this once, stored only as a hash. */
    public record CreatedKey(String id, String name, Instant createdAt, Optional<Instant> expiresAt, String secret) {
        @Override
        public String toString() {
            return "CreatedKey[id=" + id + "]";
        }
    }

    @GET
    public List<ApiKeyInfo> list() {
        return services.apiKeys().list(CallerContext.of(security));
    }

    @POST
    public Response create(NewApiKey request) {
        Requests.require(request, "a JSON object with name and, optionally, expiresAt");
        CreatedApiKey created = services.apiKeys()
                .create(
                        CallerContext.of(security),
                        Requests.require(request.name(), "name"),
                        Optional.ofNullable(request.expiresAt()));
        ApiKeyInfo info = created.info();
        return Response.created(uri.getAbsolutePathBuilder().path(info.id()).build())
                .entity(new CreatedKey(info.id(), info.name(), info.createdAt(), info.expiresAt(), created.key()))
                .build();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        services.apiKeys().revoke(CallerContext.of(security), id);
        return Response.noContent().build();
    }
}
