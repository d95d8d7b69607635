package io.millrace.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A local user account.
 *
 * @param username unique, compared case-sensitively as given (callers normalize)
 * @param passwordHash the output of the password hasher, never the password
 * @param roles system roles, such as {@code admin}
 * @param createdAt when the account was created
 * @param credentialsChangedAt when the password last changed; tokens issued before it are void
 */
public record StoredUser(
        String username, String passwordHash, Set<String> roles, Instant createdAt, Instant credentialsChangedAt) {
    public StoredUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(credentialsChangedAt, "credentialsChangedAt");
    }

    @Override
    public String toString() {
        return "StoredUser[username=" + username + ", roles=" + roles + "]";
    }
}
