package io.millrace.plugin;

/** The OSGi life-cycle states of a bundle. */
public enum BundleState {
    INSTALLED,
    RESOLVED,
    STARTING,
    ACTIVE,
    STOPPING,
    UNINSTALLED
}
