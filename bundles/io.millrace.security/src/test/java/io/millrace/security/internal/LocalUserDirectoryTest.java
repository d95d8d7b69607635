package io.millrace.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.security.AuthenticationException;
import io.millrace.security.ConflictException;
import io.millrace.security.InvalidCredentialsException;
import io.millrace.security.NotFoundException;
import io.millrace.security.Roles;
import io.millrace.security.UserAccount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUserDirectoryTest {
    @TempDir
    Path data;

    @Test
    void firstStartCreatesAnAdministratorWhosePasswordIsInAnOwnerOnlyFile() throws Exception {
        SecurityFixture security = new SecurityFixture(data);

        assertThat(security.directory.list())
                .extracting(UserAccount::username, UserAccount::roles)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("admin", Set.of(Roles.ADMIN)));
        String password = Files.readString(security.passwordFile).strip();
        assertThat(password).hasSize(24);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.passwordFile)))
                .isEqualTo("rw-------");
        assertThat(security.authenticator.login("admin", password.toCharArray()).token())
                .isNotBlank();
    }

    @Test
    void laterStartsKeepTheExistingAccounts() throws Exception {
        SecurityFixture security = new SecurityFixture(data);
        String password = Files.readString(security.passwordFile);

        new LocalUserDirectory(security.stores.users, security.hasher, security.passwordFile, security.clock);

        assertThat(Files.readString(security.passwordFile)).isEqualTo(password);
        assertThat(security.stores.users.count()).isEqualTo(1);
    }

    @Test
    void changingTheAdminPasswordDeletesTheInitialPasswordFile() throws Exception {
        SecurityFixture security = new SecurityFixture(data);
        char[] initial = Files.readString(security.passwordFile).strip().toCharArray();

        assertThatThrownBy(() -> security.directory.changePassword(
                        "admin", "wrong-password!".toCharArray(), "a-new-long-password".toCharArray()))
                .isInstanceOf(AuthenticationException.class);
        security.directory.changePassword("admin", initial, "a-new-long-password".toCharArray());

        assertThat(security.passwordFile).doesNotExist();
        assertThat(security.authenticator.login("admin", "a-new-long-password".toCharArray()))
                .isNotNull();
    }

    @Test
    void createsUsersWithNormalizedNamesAndCheckedPasswords() {
        SecurityFixture security = new SecurityFixture(data);

        UserAccount alice = security.directory.create("Alice", "correct horse battery".toCharArray(), Set.of());

        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.roles()).containsExactly(Roles.USER);
        assertThat(security.directory.find("ALICE")).contains(alice);
        assertThatThrownBy(() -> security.directory.create("alice", "another long password".toCharArray(), Set.of()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("alice");
        assertThatThrownBy(() -> security.directory.create("bob", "short".toCharArray(), Set.of()))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("12");
        assertThatThrownBy(() -> security.directory.create("bob/../x", "long enough password".toCharArray(), Set.of()))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> security.directory.create("bob", "long enough password".toCharArray(), Set.of("root")))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("root");
        assertThatThrownBy(() -> security.directory.create("carol-smith", "CAROL-SMITH".toCharArray(), Set.of()))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    @Test
    void neverDeletesTheLastAdministrator() {
        SecurityFixture security = new SecurityFixture(data);

        assertThatThrownBy(() -> security.directory.delete("admin"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("last administrator");
        assertThatThrownBy(() -> security.directory.delete("nobody")).isInstanceOf(NotFoundException.class);

        security.directory.create("second", "second admin password".toCharArray(), Set.of(Roles.ADMIN));
        security.directory.delete("admin");
        assertThat(security.directory.list()).extracting(UserAccount::username).containsExactly("second");
    }
}
