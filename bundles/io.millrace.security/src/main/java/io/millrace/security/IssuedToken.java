package io.millrace.security;

import java.time.Instant;

/**
 * A sign-in token.
 *
 * @param token the bearer credential, shown once
 * @param expiresAt when it stops working
 */
public record IssuedToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
