package io.millrace.rest.internal;

import io.millrace.security.Permission;
import io.millrace.security.UserAccount;
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
import java.util.List;
import java.util.Set;

/** Local user accounts. */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.MANAGE_USERS)
public final class UserResource {
    @Inject
    Services services;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    public record NewUser(String username, String password, Set<String> roles) {
        @Override
        public String toString() {
            return "NewUser[username=" + username + ", roles=" + roles + "]";
        }
    }

    public record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[****]";
        }
    }

    @GET
    public List<UserAccount> list() {
        return services.userDirectory().list();
    }

    @POST
    public Response create(NewUser request) {
        Requests.require(request, "a JSON object with username, password and roles");
        UserAccount created = services.userDirectory()
                .create(
                        Requests.require(request.username(), "username"),
                        Requests.require(request.password(), "password").toCharArray(),
                        request.roles() == null ? Set.of() : request.roles());
        return Response.created(
                        uri.getAbsolutePathBuilder().path(created.username()).build())
                .entity(created)
                .build();
    }

    @DELETE
    @Path("/{username}")
    public Response delete(@PathParam("username") String username) {
        services.userDirectory().delete(username);
        return Response.noContent().build();
    }

    /** Changes the caller's own password; it takes the current one, so a stolen token is not enough. */
    @POST
    @Path("/{username}/password")
    @RequiresPermission(Permission.MANAGE_OWN_CREDENTIALS)
    public Response changePassword(@PathParam("username") String username, PasswordChange request) {
        if (!CallerContext.of(security).name().equals(username)) {
            throw ApiProblem.forbidden("You can change your own password only");
        }
        Requests.require(request, "a JSON object with currentPassword and newPassword");
        services.userDirectory()
                .changePassword(
                        username,
                        Requests.require(request.currentPassword(), "currentPassword")
                                .toCharArray(),
                        Requests.require(request.newPassword(), "newPassword").toCharArray());
        return Response.noContent().build();
    }
}
