package io.millrace.security;

/** What a request wants to do; the {@link AccessPolicy} decides per principal. */
public enum Permission {
    /** Read the server's own state: bundles, connectors, the API description. */
    VIEW_SYSTEM,
    /** Create, read and revoke one's own API keys, change one's own password. */
    MANAGE_OWN_CREDENTIALS,
    /** Create, list and delete users. */
    MANAGE_USERS,
    /** Create, change and test connections to source and target systems. */
    MANAGE_CONNECTIONS,
    /** Create, run and watch projects and their tasks. */
    MANAGE_PROJECTS,
    /** Deploy, update and remove bundles. */
    MANAGE_BUNDLES
}
