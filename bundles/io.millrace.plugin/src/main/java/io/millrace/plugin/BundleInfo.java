package io.millrace.plugin;

import java.util.List;
import java.util.Optional;

/**
 * An installed bundle as users see it.
 *
 * @param id the framework's bundle id
 * @param symbolicName the bundle's symbolic name
 * @param version the bundle's version
 * @param name the human name from the manifest, or the symbolic name
 * @param state the OSGi life-cycle state
 * @param origin how it got installed
 * @param file the jar in deploy/ for deployed bundles
 * @param error why the bundle is not working, when it is not
 * @param components the Declarative Services components it declares
 */
public record BundleInfo(
        long id,
        String symbolicName,
        String version,
        String name,
        BundleState state,
        BundleOrigin origin,
        Optional<String> file,
        Optional<String> error,
        List<ComponentInfo> components) {
    public BundleInfo {
        components = List.copyOf(components);
    }

    /** Whether the bundle is active and none of its components failed. */
    public boolean healthy() {
        return state == BundleState.ACTIVE && error.isEmpty();
    }
}
