package io.millrace.connector.api;

/**
 * What a connection is used for, as far as a check or a setting is concerned: a connection of a
 * connector that can be both a source and a target is often used as only one of them, and needs
 * only what that use needs.
 */
public enum ConnectionUse {
    /** Every use: reaching the server, signing in. */
    ANY,
    /** Reading tables and their changes. */
    SOURCE,
    /** Landing and storage writing into it. */
    TARGET
}
