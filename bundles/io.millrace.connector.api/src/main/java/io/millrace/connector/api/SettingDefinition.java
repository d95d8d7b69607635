package io.millrace.connector.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting of a connection: its name, how to show and check it, and whether it is secret. Secret
 * settings are stored encrypted and never returned by the server once saved.
 *
 * @param name key in {@link ConnectionSettings}, such as {@code host}
 * @param label short label for forms, such as {@code Host name}
 * @param type the kind of value
 * @param required whether a connection is incomplete without it
 * @param defaultValue used when the setting is absent
 * @param description one sentence on what the setting does
 * @param use the use the setting serves: a setting required for {@link ConnectionUse#SOURCE} is
 *     needed only when the connection is used as a source
 */
public record SettingDefinition(
        String name,
        String label,
        SettingType type,
        boolean required,
        Optional<String> defaultValue,
        String description,
        ConnectionUse use) {

    public SettingDefinition {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }

    /** A setting for every use; kept for connectors built against API 0.5. */
    public SettingDefinition(
            String name,
            String label,
            SettingType type,
            boolean required,
            Optional<String> defaultValue,
            String description) {
        this(name, label, type, required, defaultValue, description, ConnectionUse.ANY);
    }

    /** A required setting without a default. */
    public static SettingDefinition required(String name, String label, SettingType type, String description) {
        return new SettingDefinition(name, label, type, true, Optional.empty(), description);
    }

    /** An optional setting with a default value. */
    public static SettingDefinition optional(
            String name, String label, SettingType type, String defaultValue, String description) {
        return new SettingDefinition(name, label, type, false, Optional.of(defaultValue), description);
    }

    /** This setting, serving only {@code use}: when required, only that use requires it. */
    public SettingDefinition concerning(ConnectionUse use) {
        return new SettingDefinition(name, label, type, required, defaultValue, description, use);
    }

    /** Whether a connection used for {@code use} must have this setting. */
    public boolean requiredFor(ConnectionUse use) {
        return required && (this.use == ConnectionUse.ANY || this.use == use);
    }

    public boolean secret() {
        return type == SettingType.SECRET;
    }
}
