package io.millrace.connections;

import java.util.Map;

/**
 * What a user sends to create or change a connection.
 *
 * @param name unique, 1 to 100 characters
 * @param connector the connector id, such as {@code postgres}
 * @param properties plain settings by name
 * @param secrets secret settings by name (passwords, keys)
 */
public record ConnectionRequest(
        String name, String connector, Map<String, String> properties, Map<String, String> secrets) {
    public ConnectionRequest {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[name=" + name + ", connector=" + connector + ", properties=" + properties
                + ", secrets=" + secrets.keySet() + "]";
    }
}
