package io.millrace.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.security.ApiKeyInfo;
import io.millrace.security.AuthenticationMethod;
import io.millrace.security.CreatedApiKey;
import io.millrace.security.InvalidCredentialsException;
import io.millrace.security.NotFoundException;
import io.millrace.security.Principal;
import io.millrace.security.Roles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalApiKeysTest {
    @TempDir
    Path data;

    private SecurityFixture security;
    private Principal alice;
    private Principal bob;

    @BeforeEach
    void createUsers() {
        security = new SecurityFixture(data);
        security.directory.create("alice", "alice's long password".toCharArray(), Set.of(Roles.USER));
        security.directory.create("bob", "bob's long password!".toCharArray(), Set.of(Roles.ADMIN));
        alice = new Principal("alice", Set.of(Roles.USER), AuthenticationMethod.TOKEN, "t1");
        bob = new Principal("bob", Set.of(Roles.ADMIN), AuthenticationMethod.TOKEN, "t2");
    }

    @Test
    void aKeyActsAsItsOwnerAndIsStoredOnlyAsAHash() {
        CreatedApiKey created = security.apiKeys.create(alice, "  nightly export ", Optional.empty());

        assertThat(created.key()).startsWith("mrk_" + created.info().id() + "_");
        assertThat(created.info().name()).isEqualTo("nightly export");
        assertThat(security.stores
                        .apiKeys
                        .find(created.info().id())
                        .orElseThrow()
                        .secretHash())
                .startsWith("sha256:")
                .doesNotContain(created.key().substring(17));
        Principal principal = security.authenticator.authenticate(created.key()).orElseThrow();
        assertThat(principal.name()).isEqualTo("alice");
        assertThat(principal.method()).isEqualTo(AuthenticationMethod.API_KEY);
        assertThat(principal.credentialId()).isEqualTo(created.info().id());
        assertThat(security.apiKeys.list(alice))
                .singleElement()
                .satisfies(info -> assertThat(info.lastUsedAt()).contains(security.clock.instant()));
    }

    @Test
    void aWrongSecretOrAnExpiredKeyDoesNotAuthenticate() {
        CreatedApiKey created = security.apiKeys.create(
                alice, "short-lived", Optional.of(security.clock.instant().plus(Duration.ofHours(1))));
        String wrongSecret = created.key().substring(0, created.key().length() - 2) + "xx";

        assertThat(security.authenticator.authenticate(wrongSecret)).isEmpty();
        assertThat(security.authenticator.authenticate(created.key())).isPresent();
        security.clock.advance(Duration.ofHours(1));
        assertThat(security.authenticator.authenticate(created.key())).isEmpty();
    }

    @Test
    void onlyTheOwnerSeesAndRevokesAKey() {
        CreatedApiKey created = security.apiKeys.create(alice, "mine", Optional.empty());

        assertThat(security.apiKeys.list(bob)).isEmpty();
        assertThatThrownBy(() -> security.apiKeys.revoke(bob, created.info().id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(security.authenticator.authenticate(created.key())).isPresent();

        security.apiKeys.revoke(alice, created.info().id());
        assertThat(security.apiKeys.list(alice)).extracting(ApiKeyInfo::id).isEmpty();
        assertThat(security.authenticator.authenticate(created.key())).isEmpty();
    }

    @Test
    void refusesBadNamesAndPastExpiries() {
        assertThatThrownBy(() -> security.apiKeys.create(alice, " ", Optional.empty()))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> security.apiKeys.create(alice, "x".repeat(101), Optional.empty()))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> security.apiKeys.create(alice, "bell\u0007", Optional.empty()))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> security.apiKeys.create(alice, "old", Optional.of(security.clock.instant())))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessageContaining("not in the future");
    }

    @Test
    void deletingTheOwnerRemovesTheirKeys() {
        CreatedApiKey created = security.apiKeys.create(alice, "mine", Optional.empty());

        security.directory.delete("alice");

        assertThat(security.authenticator.authenticate(created.key())).isEmpty();
    }
}
