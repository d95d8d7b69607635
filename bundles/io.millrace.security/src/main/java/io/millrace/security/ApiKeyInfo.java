package io.millrace.security;

import java.time.Instant;
import java.util.Optional;

/** An API key without its secret. */
public record ApiKeyInfo(
        String id,
        String name,
        String owner,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> lastUsedAt) {}
