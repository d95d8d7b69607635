package io.millrace.persistence.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code revoked_tokens}: kept until the token would have expired anyway. */
@Entity
@Table(name = "revoked_tokens")
class RevokedTokenRecord {
    @Id
    @Column(name = "token_id")
    String tokenId;

    @Column(name = "expires_at", nullable = false)
    Instant expiresAt;

    protected RevokedTokenRecord() {}

    RevokedTokenRecord(String tokenId, Instant expiresAt) {
        this.tokenId = tokenId;
        this.expiresAt = expiresAt;
    }
}
