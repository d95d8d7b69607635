package io.millrace.crypto;

import java.time.Instant;
import java.util.Objects;

/**
 * What a signed token says.
 *
 * @param subject who the token was issued to
 * @param tokenId unique id of this token, so it can be revoked before it expires
 * @param audience what the token is for, such as {@code api}; a token for one audience is refused by another
 * @param issuedAt when it was issued
 * @param expiresAt when it stops being accepted
 */
public record TokenClaims(String subject, String tokenId, String audience, Instant issuedAt, Instant expiresAt) {
    public TokenClaims {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("A token must expire after it is issued");
        }
    }
}
