package io.millrace.connections;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A saved connection as users see it: secrets are named, never shown.
 *
 * @param secrets the names of the secret settings that are set
 */
public record ConnectionInfo(
        String id,
        String name,
        String connector,
        Map<String, String> properties,
        Set<String> secrets,
        Instant createdAt,
        Instant updatedAt) {
    public ConnectionInfo {
        properties = Map.copyOf(properties);
        secrets = Set.copyOf(secrets);
    }
}
