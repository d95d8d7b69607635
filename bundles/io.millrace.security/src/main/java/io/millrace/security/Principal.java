package io.millrace.security;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller.
 *
 * @param name the username
 * @param roles system roles of that user at the time of the request
 * @param method how the caller proved who they are
 * @param credentialId the token id or API key id used, for audit and sign-out
 */
public record Principal(String name, Set<String> roles, AuthenticationMethod method, String credentialId) {
    public Principal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(credentialId, "credentialId");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
