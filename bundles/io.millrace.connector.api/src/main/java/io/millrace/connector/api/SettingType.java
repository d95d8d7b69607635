package io.millrace.connector.api;

/** The type of a {@link SettingDefinition}'s value; all values travel as strings. */
public enum SettingType {
    STRING,
    INTEGER,
    BOOLEAN,
    /** A password, key or token: stored encrypted, never shown again, never logged. */
    SECRET
}
