package io.millrace.connector.api;

/** The roles a connector can play in a project. */
public enum ConnectorKind {
    /** Reads tables from a database: full load, and change data capture where supported. */
    SOURCE,
    /** The platform data lands in and where generated SQL runs. */
    TARGET,
    /** Reads from a software-as-a-service HTTP API. */
    SAAS,
    /** A step of an automation workflow. */
    BLOCK
}
