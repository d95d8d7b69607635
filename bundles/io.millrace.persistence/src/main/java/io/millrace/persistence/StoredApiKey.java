package io.millrace.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key for scripts. The secret part of the key is kept only as a hash.
 *
 * @param id public identifier, part of the key string, used to find the record
 * @param name what the owner called it
 * @param owner the username it acts as
 * @param secretHash hash of the secret part
 * @param createdAt when it was created
 * @param expiresAt when it stops working, if ever
 * @param lastUsedAt when it last authenticated a request, if ever
 */
public record StoredApiKey(
        String id,
        String name,
        String owner,
        String secretHash,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt) {
    public StoredApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }

    @Override
    public String toString() {
        return "StoredApiKey[id=" + id + ", name=" + name + ", owner=" + owner + "]";
    }
}
