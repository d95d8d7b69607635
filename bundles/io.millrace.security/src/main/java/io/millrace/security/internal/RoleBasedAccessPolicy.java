package io.millrace.security.internal;

import io.millrace.security.AccessPolicy;
import io.millrace.security.Permission;
import io.millrace.security.Principal;
import io.millrace.security.Roles;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Administrators may do everything; users may use the server and manage their own credentials. */
@Component(service = AccessPolicy.class)
public final class RoleBasedAccessPolicy implements AccessPolicy {
    private static final Map<String, Set<Permission>> GRANTS = Map.of(
            Roles.ADMIN, EnumSet.allOf(Permission.class),
            Roles.USER,
                    EnumSet.of(
                            Permission.VIEW_SYSTEM,
                            Permission.MANAGE_OWN_CREDENTIALS,
                            Permission.MANAGE_CONNECTIONS,
                            Permission.MANAGE_PROJECTS));

    @Override
    public boolean allows(Principal principal, Permission permission) {
        return principal.roles().stream()
                .map(role -> GRANTS.getOrDefault(role, Set.of()))
                .anyMatch(granted -> granted.contains(permission));
    }
}
