package io.millrace.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.security.AuthenticationException;
import io.millrace.security.AuthenticationMethod;
import io.millrace.security.IssuedToken;
import io.millrace.security.Principal;
import io.millrace.security.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    @TempDir
    Path data;

    private SecurityFixture security;

    @BeforeEach
    void createUser() {
        security = new SecurityFixture(data);
        security.directory.create("alice", PASSWORD, Set.of(Roles.USER));
    }

    @Test
    void aSignInTokenAuthenticatesTheUserWithTheirRoles() {
        IssuedToken token = security.authenticator.login("Alice", PASSWORD);

        Principal principal = security.authenticator.authenticate(token.token()).orElseThrow();
        assertThat(principal.name()).isEqualTo("alice");
        assertThat(principal.roles()).containsExactly(Roles.USER);
        assertThat(principal.method()).isEqualTo(AuthenticationMethod.TOKEN);
        assertThat(token.expiresAt()).isEqualTo(security.clock.instant().plus(Duration.ofHours(8)));
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetTheSameAnswer() {
        assertThatThrownBy(() -> security.authenticator.login("alice", "wrong password!!".toCharArray()))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("Wrong username or password");
        assertThatThrownBy(() -> security.authenticator.login("mallory", PASSWORD))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("Wrong username or password");
    }

    @Test
    void locksAnAccountAfterRepeatedWrongPasswordsForAWhile() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> security.authenticator.login("alice", "guess".toCharArray()))
                    .hasMessage("Wrong username or password");
        }

        assertThatThrownBy(() -> security.authenticator.login("alice", PASSWORD))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("locked for 60 more second");
        security.clock.advance(Duration.ofSeconds(61));
        assertThat(security.authenticator.login("alice", PASSWORD)).isNotNull();
    }

    @Test
    void expiredRevokedAndOutdatedTokensNoLongerAuthenticate() {
        IssuedToken first = security.authenticator.login("alice", PASSWORD);
        Principal principal = security.authenticator.authenticate(first.token()).orElseThrow();

        security.authenticator.logout(principal);
        assertThat(security.authenticator.authenticate(first.token())).isEmpty();

        IssuedToken second = security.authenticator.login("alice", PASSWORD);
        security.clock.advance(Duration.ofSeconds(1));
        security.directory.changePassword("alice", PASSWORD, "a brand new password".toCharArray());
        assertThat(security.authenticator.authenticate(second.token())).isEmpty();

        IssuedToken third = security.authenticator.login("alice", "a brand new password".toCharArray());
        assertThat(security.authenticator.authenticate(third.token())).isPresent();
        security.clock.advance(Duration.ofHours(8));
        assertThat(security.authenticator.authenticate(third.token())).isEmpty();
    }

    @Test
    void aDeletedUsersTokensStopWorking() {
        IssuedToken token = security.authenticator.login("alice", PASSWORD);

        security.directory.delete("alice");

        assertThat(security.authenticator.authenticate(token.token())).isEmpty();
    }

    @Test
    void garbageIsNotACredential() {
        assertThat(security.authenticator.authenticate("")).isEmpty();
        assertThat(security.authenticator.authenticate("Bearer x")).isEmpty();
        assertThat(security.authenticator.authenticate("eyJhbGciOiJub25lIn0.e30."))
                .isEmpty();
        assertThat(security.authenticator.authenticate("mrk_")).isEmpty();
        assertThat(security.authenticator.authenticate("mrk_abcdefghijkl_")).isEmpty();
    }
}
