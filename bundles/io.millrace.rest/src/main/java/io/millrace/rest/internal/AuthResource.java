package io.millrace.rest.internal;

import io.millrace.security.IssuedToken;
import io.millrace.security.Permission;
import io.millrace.security.Principal;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Set;

/** Signing in and out. */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AuthResource {
    @Inject
    Services services;

    @Context
    SecurityContext security;

    public record LoginRequest(String username, String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    public record TokenResponse(String token, String tokenType, Instant expiresAt) {}

    public record Caller(String username, Set<String> roles, String authenticatedBy) {}

    @POST
    @Path("/login")
    @Public
    public TokenResponse login(LoginRequest request) {
        Requests.require(request, "a JSON object with username and password");
        Requests.require(request.username(), "username");
        Requests.require(request.password(), "password");
        IssuedToken token = services.authenticator()
                .login(request.username(), request.password().toCharArray());
        return new TokenResponse(token.token(), "Bearer", token.expiresAt());
    }

    @POST
    @Path("/logout")
    @RequiresPermission(Permission.MANAGE_OWN_CREDENTIALS)
    public jakarta.ws.rs.core.Response logout() {
        services.authenticator().logout(CallerContext.of(security));
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    @GET
    @Path("/me")
    @RequiresPermission(Permission.MANAGE_OWN_CREDENTIALS)
    public Caller me() {
        Principal caller = CallerContext.of(security);
        return new Caller(caller.name(), caller.roles(), caller.method().name());
    }
}
