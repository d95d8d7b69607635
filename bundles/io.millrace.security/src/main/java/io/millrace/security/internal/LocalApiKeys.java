package io.millrace.security.internal;

import io.millrace.persistence.ApiKeyStore;
import io.millrace.persistence.StoredApiKey;
import io.millrace.security.ApiKeyInfo;
import io.millrace.security.ApiKeys;
import io.millrace.security.ConflictException;
import io.millrace.security.CreatedApiKey;
import io.millrace.security.InvalidCredentialsException;
import io.millrace.security.NotFoundException;
import io.millrace.security.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API keys stored as hashes; each acts as its owner with the owner's current roles. */
@Component(service = ApiKeys.class)
public final class LocalApiKeys implements ApiKeys {
    static final int MAX_KEYS_PER_USER = 100;
    private static final Logger LOG = LoggerFactory.getLogger(LocalApiKeys.class);

    private final ApiKeyStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public LocalApiKeys(@Reference ApiKeyStore store) {
        this(store, Clock.systemUTC());
    }

    LocalApiKeys(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CreatedApiKey create(Principal owner, String name, Optional<Instant> expiresAt) {
        String keyName = CredentialRules.requireValidKeyName(name);
        Instant now = clock.instant();
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            throw new InvalidCredentialsException("The expiry " + expiresAt.get() + " is not in the future");
        }
        if (store.listByOwner(owner.name()).size() >= MAX_KEYS_PER_USER) {
            throw new ConflictException(
                    "'" + owner.name() + "' already has " + MAX_KEYS_PER_USER + " API keys; revoke unused ones first");
        }
        String id = ApiKeyFormat.newId(random);
        String secret = ApiKeyFormat.newSecret(random);
        StoredApiKey stored = new StoredApiKey(
                id, keyName, owner.name(), ApiKeyFormat.hash(secret), now, expiresAt, Optional.empty());
        store.create(stored);
        LOG.info("User '{}' created API key {} ('{}')", owner.name(), id, keyName);
        return new CreatedApiKey(info(stored), ApiKeyFormat.format(id, secret));
    }

    @Override
    public List<ApiKeyInfo> list(Principal owner) {
        return store.listByOwner(owner.name()).stream().map(LocalApiKeys::info).toList();
    }

    @Override
    public void revoke(Principal owner, String keyId) {
        Optional<StoredApiKey> key =
                store.find(keyId).filter(found -> found.owner().equals(owner.name()));
        if (key.isEmpty()) {
            throw new NotFoundException("You have no API key with id '" + keyId + "'");
        }
        store.delete(keyId);
        LOG.info("User '{}' revoked API key {}", owner.name(), keyId);
    }

    private static ApiKeyInfo info(StoredApiKey key) {
        return new ApiKeyInfo(key.id(), key.name(), key.owner(), key.createdAt(), key.expiresAt(), key.lastUsedAt());
    }
}
