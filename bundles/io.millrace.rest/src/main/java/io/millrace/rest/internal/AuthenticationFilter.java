package io.millrace.rest.internal;

import io.millrace.security.Principal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.reflect.Method;

/**
 * The one place every request is authenticated and authorized. An endpoint is either {@link
 * Public} or names the permission it requires; one that does neither is refused, so that a new
 * endpoint cannot be left open by mistake.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthenticationFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";

    private final Services services;

    @Context
    ResourceInfo resource;

    AuthenticationFilter(Services services) {
        this.services = services;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || method.isAnnotationPresent(Public.class) || type.isAnnotationPresent(Public.class)) {
            return;
        }
        Principal caller = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        request.setSecurityContext(
                new CallerContext(caller, request.getSecurityContext().isSecure()));
        RequiresPermission required = method.getAnnotation(RequiresPermission.class);
        if (required == null) {
            required = type.getAnnotation(RequiresPermission.class);
        }
        if (required == null) {
            throw ApiProblem.forbidden("The endpoint declares no permission, so nobody may call it");
        }
        services.accessPolicy().check(caller, required.value());
    }

    private Principal authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiProblem(
                    401,
                    "unauthorized",
                    "Unauthorized",
                    "Sign in first: send 'Authorization: Bearer <token>' with a token from POST /api/v1/auth/login"
                            + " or an API key");
        }
        return services.authenticator()
                .authenticate(authorization.substring(BEARER.length()).trim())
                .orElseThrow(() -> new ApiProblem(
                        401,
                        "unauthorized",
                        "Unauthorized",
                        "The token or API key is not valid: it is wrong, expired or revoked. Sign in again."));
    }
}
