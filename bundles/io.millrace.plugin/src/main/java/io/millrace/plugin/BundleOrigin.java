package io.millrace.plugin;

/** How a bundle came to be installed. */
public enum BundleOrigin {
    /** The OSGi framework itself. */
    FRAMEWORK,
    /** Part of the server distribution (system/ folder); cannot be removed at runtime. */
    CORE,
    /** A jar in deploy/, copied there or uploaded. */
    DEPLOYED,
    /** Installed some other way, such as from another bundle. */
    OTHER
}
