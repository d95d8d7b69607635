package io.millrace.security;

import java.time.Instant;
import java.util.Set;

/** A user as others may see it: no credentials. */
public record UserAccount(String username, Set<String> roles, Instant createdAt) {
    public UserAccount {
        roles = Set.copyOf(roles);
    }
}
