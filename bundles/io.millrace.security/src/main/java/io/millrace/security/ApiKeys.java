package io.millrace.security;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** API keys, each acting as the user who created it. */
@ProviderType
public interface ApiKeys {

    /**
     * Creates a key for {@code owner}; the result holds the only copy of the secret.
     *
     * @throws InvalidCredentialsException when the name is empty or too long, or the expiry is not in the future
     */
    CreatedApiKey create(Principal owner, String name, Optional<Instant> expiresAt);

    /** The owner's keys, without secrets, newest first. */
    List<ApiKeyInfo> list(Principal owner);

    /**
     * Revokes one of the owner's keys.
     *
     * @throws NotFoundException when the owner has no key with that id
     */
    void revoke(Principal owner, String keyId);
}
