package io.millrace.security.internal;

import io.millrace.crypto.internal.Argon2PasswordHasher;
import io.millrace.crypto.internal.JwtTokenSigner;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Instant;

/** The security services wired as in the server, over in-memory stores and the real crypto. */
final class SecurityFixture {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    final InMemoryStores stores = new InMemoryStores();
    final Argon2PasswordHasher hasher = new Argon2PasswordHasher();
    final Path passwordFile;
    final LocalUserDirectory directory;
    final TokenAuthenticator authenticator;
    final LocalApiKeys apiKeys;

    SecurityFixture(Path dataFolder) {
        passwordFile = dataFolder.resolve(LocalUserDirectory.INITIAL_PASSWORD_FILE);
        directory = new LocalUserDirectory(stores.users, hasher, passwordFile, clock);
        authenticator = new TokenAuthenticator(
                stores.users,
                stores.apiKeys,
                stores.revokedTokens,
                hasher,
                new JwtTokenSigner(dataFolder.resolve("keys"), clock),
                configuration(480, 5, 60),
                clock);
        apiKeys = new LocalApiKeys(stores.apiKeys, clock);
    }

    static SecurityConfiguration configuration(int tokenMinutes, int maxFailures, int lockSeconds) {
        return new SecurityConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SecurityConfiguration.class;
            }

            @Override
            public int tokenLifetimeMinutes() {
                return tokenMinutes;
            }

            @Override
            public int maxFailedLogins() {
                return maxFailures;
            }

            @Override
            public int lockSeconds() {
                return lockSeconds;
            }
        };
    }
}
