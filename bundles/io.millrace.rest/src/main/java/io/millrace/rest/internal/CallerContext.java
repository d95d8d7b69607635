package io.millrace.rest.internal;

import io.millrace.security.Principal;
import jakarta.ws.rs.core.SecurityContext;

/** The signed-in caller of a request, as JAX-RS sees it. */
record CallerContext(Principal caller, boolean secure) implements SecurityContext {
    /** The caller of a request that passed the authentication filter. */
    static Principal of(SecurityContext context) {
        // Resources get a proxy of the request's context, so the caller is read through it.
        if (context.getUserPrincipal() instanceof Caller signedIn) {
            return signedIn.principal();
        }
        throw new IllegalStateException("The endpoint is public and has no caller");
    }

    @Override
    public java.security.Principal getUserPrincipal() {
        return new Caller(caller);
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }

    private record Caller(Principal principal) implements java.security.Principal {
        @Override
        public String getName() {
            return principal.name();
        }
    }
}
