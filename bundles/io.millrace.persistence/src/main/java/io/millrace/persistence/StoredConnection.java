package io.millrace.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A connection as stored: its plain settings, and its secret settings already encrypted by the
 * caller (the store never sees a secret in clear).
 *
 * @param id stable identifier
 * @param name unique name users know it by
 * @param connector the connector id, such as {@code postgres}
 * @param values plain settings by name
 * @param encryptedSecrets secret settings by name, as ciphertext
 */
public record StoredConnection(
        String id,
        String name,
        String connector,
        Map<String, String> values,
        Map<String, String> encryptedSecrets,
        Instant createdAt,
        Instant updatedAt) {
    public StoredConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connector, "connector");
        values = Map.copyOf(values);
        encryptedSecrets = Map.copyOf(encryptedSecrets);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String toString() {
        return "StoredConnection[id=" + id + ", name=" + name + ", connector=" + connector + "]";
    }
}
