package io.millrace.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.security.AccessDeniedException;
import io.millrace.security.AuthenticationMethod;
import io.millrace.security.Permission;
import io.millrace.security.Principal;
import io.millrace.security.Roles;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleBasedAccessPolicyTest {
    private final RoleBasedAccessPolicy policy = new RoleBasedAccessPolicy();

    private static Principal withRoles(String... roles) {
        return new Principal("someone", Set.of(roles), AuthenticationMethod.TOKEN, "t");
    }

    @Test
    void administratorsMayDoEverything() {
        for (Permission permission : Permission.values()) {
            assertThat(policy.allows(withRoles(Roles.ADMIN), permission))
                    .as(permission.name())
                    .isTrue();
        }
    }

    @Test
    void usersMayNotManageUsersOrBundles() {
        Principal user = withRoles(Roles.USER);

        assertThat(policy.allows(user, Permission.VIEW_SYSTEM)).isTrue();
        assertThat(policy.allows(user, Permission.MANAGE_OWN_CREDENTIALS)).isTrue();
        assertThat(policy.allows(user, Permission.MANAGE_USERS)).isFalse();
        assertThatThrownBy(() -> policy.check(user, Permission.MANAGE_BUNDLES))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("MANAGE_BUNDLES");
    }

    @Test
    void aPrincipalWithoutRolesMayDoNothing() {
        for (Permission permission : Permission.values()) {
            assertThat(policy.allows(withRoles(), permission)).isFalse();
        }
    }
}
