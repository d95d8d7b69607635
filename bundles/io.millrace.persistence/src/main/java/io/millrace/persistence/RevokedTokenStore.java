package io.millrace.persistence;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Sign-in tokens revoked before their expiry (sign-out). Entries are needed only until the token expires. */
@ProviderType
public interface RevokedTokenStore {

    /** Revokes the token; revoking twice is harmless. */
    void revoke(String tokenId, Instant expiresAt);

    boolean isRevoked(String tokenId);

    /** Forgets revocations of tokens that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);
}
