package io.millrace.security.internal;

import io.millrace.crypto.PasswordHasher;
import io.millrace.crypto.TokenClaims;
import io.millrace.crypto.TokenSigner;
import io.millrace.persistence.ApiKeyStore;
import io.millrace.persistence.RevokedTokenStore;
import io.millrace.persistence.StoredApiKey;
import io.millrace.persistence.StoredUser;
import io.millrace.persistence.UserStore;
import io.millrace.security.AuthenticationException;
import io.millrace.security.AuthenticationMethod;
import io.millrace.security.Authenticator;
import io.millrace.security.IssuedToken;
import io.millrace.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password sign-in issuing signed tokens, and the check of every bearer credential: a token must
 * be correctly signed, unexpired, not revoked and newer than the user's last password change; an API
 * key must exist, be unexpired and match its hash. Either way the user must still exist, and the
 * principal carries the roles the user has now.
 */
@Component(service = Authenticator.class, configurationPid = SecurityConfiguration.PID)
@Designate(ocd = SecurityConfiguration.class)
public final class TokenAuthenticator implements Authenticator {
    static final String AUDIENCE = "api";
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);
    /** API key use is recorded at most this often, so authentication does not write on every request. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final UserStore users;
    private final ApiKeyStore apiKeys;
    private final RevokedTokenStore revokedTokens;
    private final PasswordHasher hasher;
    private final TokenSigner signer;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final LoginThrottle throttle;
    private final String unknownUserHash;
    private final ScheduledExecutorService housekeeping;

    @Activate
    public TokenAuthenticator(
            @Reference UserStore users,
            @Reference ApiKeyStore apiKeys,
            @Reference RevokedTokenStore revokedTokens,
            @Reference PasswordHasher hasher,
            @Reference TokenSigner signer,
            SecurityConfiguration configuration) {
        this(users, apiKeys, revokedTokens, hasher, signer, configuration, Clock.systemUTC());
        housekeeping.scheduleWithFixedDelay(this::purgeExpiredRevocations, 0, 1, TimeUnit.HOURS);
    }

    TokenAuthenticator(
            UserStore users,
            ApiKeyStore apiKeys,
            RevokedTokenStore revokedTokens,
            PasswordHasher hasher,
            TokenSigner signer,
            SecurityConfiguration configuration,
            Clock clock) {
        this.users = users;
        this.apiKeys = apiKeys;
        this.revokedTokens = revokedTokens;
        this.hasher = hasher;
        this.signer = signer;
        this.clock = clock;
        this.tokenLifetime = Duration.ofMinutes(configuration.tokenLifetimeMinutes());
        this.throttle = new LoginThrottle(
                configuration.maxFailedLogins(), Duration.ofSeconds(configuration.lockSeconds()), clock);
        // Checking a wrong password for an unknown user costs as much as for a known one.
        this.unknownUserHash = hasher.hash("no such user".toCharArray());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "millrace-security-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        housekeeping.shutdownNow();
    }

    @Override
    public IssuedToken login(String username, char[] password) {
        String name = CredentialRules.normalizeUsername(username);
        Optional<Instant> locked = throttle.lockedUntil(name);
        if (locked.isPresent()) {
            long seconds =
                    Math.max(1, Duration.between(clock.instant(), locked.get()).toSeconds());
            throw new AuthenticationException(
                    "Too many wrong passwords: sign-in for this account is locked for " + seconds + " more second(s)");
        }
        Optional<StoredUser> user = users.find(name);
        boolean matches =
                hasher.verify(password, user.map(StoredUser::passwordHash).orElse(unknownUserHash));
        if (user.isEmpty() || !matches) {
            throttle.recordFailure(name);
            LOG.info("Failed sign-in for '{}'", name);
            throw new AuthenticationException("Wrong username or password");
        }
        throttle.recordSuccess(name);
        if (hasher.needsRehash(user.get().passwordHash())) {
            users.updatePassword(name, hasher.hash(password), user.get().credentialsChangedAt());
        }
        Instant now = clock.instant();
        TokenClaims claims =
                new TokenClaims(name, UUID.randomUUID().toString(), AUDIENCE, now, now.plus(tokenLifetime));
        return new IssuedToken(signer.sign(claims), claims.expiresAt());
    }

    @Override
    public Optional<Principal> authenticate(String bearerCredential) {
        if (bearerCredential == null || bearerCredential.isBlank()) {
            return Optional.empty();
        }
        return ApiKeyFormat.looksLikeKey(bearerCredential)
                ? authenticateApiKey(bearerCredential)
                : authenticateToken(bearerCredential);
    }

    @Override
    public void logout(Principal principal) {
        if (principal.method() == AuthenticationMethod.TOKEN) {
            revokedTokens.revoke(principal.credentialId(), clock.instant().plus(tokenLifetime));
        }
    }

    private Optional<Principal> authenticateToken(String token) {
        Optional<TokenClaims> verified = signer.verify(token);
        if (verified.isEmpty() || !verified.get().audience().equals(AUDIENCE)) {
            return Optional.empty();
        }
        TokenClaims claims = verified.get();
        if (revokedTokens.isRevoked(claims.tokenId())) {
            return Optional.empty();
        }
        return users.find(claims.subject())
                .filter(user -> !claims.issuedAt().isBefore(user.credentialsChangedAt()))
                .map(user ->
                        new Principal(user.username(), user.roles(), AuthenticationMethod.TOKEN, claims.tokenId()));
    }

    private Optional<Principal> authenticateApiKey(String credential) {
        Optional<ApiKeyFormat.ParsedKey> parsed = ApiKeyFormat.parse(credential);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredApiKey> key = apiKeys.find(parsed.get().id());
        Instant now = clock.instant();
        if (key.isEmpty()
                || !ApiKeyFormat.matches(parsed.get().secret(), key.get().secretHash())
                || key.get().expiresAt().map(expiry -> !now.isBefore(expiry)).orElse(false)) {
            return Optional.empty();
        }
        Optional<StoredUser> owner = users.find(key.get().owner());
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        if (key.get()
                .lastUsedAt()
                .map(last -> last.plus(LAST_USED_PRECISION).isBefore(now))
                .orElse(true)) {
            apiKeys.markUsed(key.get().id(), now);
        }
        return Optional.of(new Principal(
                owner.get().username(),
                owner.get().roles(),
                AuthenticationMethod.API_KEY,
                key.get().id()));
    }

    private void purgeExpiredRevocations() {
        try {
            int purged = revokedTokens.purgeExpired(clock.instant());
            if (purged > 0) {
                LOG.debug("Forgot {} revocations of expired tokens", purged);
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot purge expired token revocations: {}", e.getMessage());
        }
    }
}
