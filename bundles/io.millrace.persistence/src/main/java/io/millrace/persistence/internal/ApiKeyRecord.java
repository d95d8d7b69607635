package io.millrace.persistence.internal;

import io.millrace.persistence.StoredApiKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A row of {@code api_keys}: the key's hash, never the key. */
@Entity
@Table(name = "api_keys")
class ApiKeyRecord {
    @Id
    @Column(name = "id")
    String id;

    @Column(name = "name", nullable = false)
    String name;

    @Column(name = "owner", nullable = false)
    String owner;

    @Column(name = "secret_hash", nullable = false)
    String secretHash;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "last_used_at")
    Instant lastUsedAt;

    protected ApiKeyRecord() {}

    ApiKeyRecord(StoredApiKey key) {
        id = key.id();
        name = key.name();
        owner = key.owner();
        secretHash = key.secretHash();
        createdAt = key.createdAt();
        expiresAt = key.expiresAt().orElse(null);
        lastUsedAt = key.lastUsedAt().orElse(null);
    }

    StoredApiKey toStoredApiKey() {
        return new StoredApiKey(
                id,
                name,
                owner,
                secretHash,
                createdAt,
                Optional.ofNullable(expiresAt),
                Optional.ofNullable(lastUsedAt));
    }
}
