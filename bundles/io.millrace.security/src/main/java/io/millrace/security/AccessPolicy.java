package io.millrace.security;

import org.osgi.annotation.versioning.ProviderType;

/** The one place that decides whether a principal may do something. */
@ProviderType
public interface AccessPolicy {

    boolean allows(Principal principal, Permission permission);

    /** @throws AccessDeniedException when {@link #allows} says no */
    default void check(Principal principal, Permission permission) {
        if (!allows(principal, permission)) {
            throw new AccessDeniedException(
                    "User '" + principal.name() + "' lacks the permission " + permission + " for this request");
        }
    }
}
