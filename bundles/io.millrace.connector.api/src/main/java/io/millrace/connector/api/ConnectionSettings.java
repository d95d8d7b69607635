package io.millrace.connector.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values of a connection's settings, with secrets held apart so that printing the settings never
 * shows them.
 *
 * @param values plain settings by name
 * @param secrets secret settings by name, decrypted only for the connector that uses them
 */
public record ConnectionSettings(Map<String, String> values, Map<String, String> secrets) {

    public ConnectionSettings {
        values = Map.copyOf(values);
        secrets = Map.copyOf(secrets);
    }

    /** The value of a plain or secret setting, if set. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return Optional.ofNullable(value != null ? value : secrets.get(name));
    }

    /** The value of a setting, or the given default when it is not set. */
    public String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    /** The value of a setting that must be set. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException("The setting '" + name + "' is required"));
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(values);
        secrets.keySet().forEach(name -> shown.put(name, "****"));
        return "ConnectionSettings" + shown;
    }
}
