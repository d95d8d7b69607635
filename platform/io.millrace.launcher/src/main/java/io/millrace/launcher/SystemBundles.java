package io.millrace.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the framework's installed core bundles equal to the jars in {@code system/}: installs new
 * ones, updates changed ones, uninstalls removed ones. Bundles deployed by users (from {@code
 * deploy/} or by upload) have other locations and are left alone.
 */
final class SystemBundles {
    static final String LOCATION_PREFIX = "system:";
    private static final Logger LOG = LoggerFactory.getLogger(SystemBundles.class);

    private final Path folder;

    SystemBundles(Path folder) {
        this.folder = folder;
    }

    /** Brings the installed core bundles in line with the folder and returns them, in file order. */
    List<Bundle> reconcile(BundleContext context) throws IOException {
        Map<String, Path> jars = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jar")) {
            files.forEach(jar -> jars.put(LOCATION_PREFIX + jar.getFileName(), jar));
        }
        for (Bundle installed : context.getBundles()) {
            if (installed.getLocation().startsWith(LOCATION_PREFIX) && !jars.containsKey(installed.getLocation())) {
                LOG.info("Uninstalling core bundle {} (no longer in {})", installed.getSymbolicName(), folder);
                uninstall(installed);
            }
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Map.Entry<String, Path> jar : jars.entrySet()) {
            Bundle bundle = context.getBundle(jar.getKey());
            try (InputStream in = Files.newInputStream(jar.getValue())) {
                if (bundle == null) {
                    bundle = context.installBundle(jar.getKey(), in);
                } else if (Files.getLastModifiedTime(jar.getValue()).toMillis() > bundle.getLastModified()) {
                    LOG.info("Updating core bundle {} from {}", bundle.getSymbolicName(), jar.getValue());
                    bundle.update(in);
                }
                bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel(bundle));
                bundles.add(bundle);
            } catch (BundleException e) {
                throw new LaunchException(
                        "Cannot install the core bundle " + jar.getValue() + ": " + e.getMessage(), e);
            }
        }
        return bundles;
    }

    /**
     * Libraries start before Millrace's own bundles, and those before deployed bundles (level 3,
     * {@code felix.startlevel.bundle} in etc/config.properties): some libraries (HK2's resource
     * locator) only serve lookups once they are active, and Millrace's components look things up as
     * they activate. The levels also order the restart of a server whose bundles are already installed.
     */
    static int startLevel(Bundle bundle) {
        return String.valueOf(bundle.getSymbolicName()).startsWith("io.millrace.") ? 2 : 1;
    }

    /** Starts every bundle that is not a fragment, by start level; one failing bundle does not stop the others. */
    static void startAll(List<Bundle> bundles) {
        List<Bundle> ordered = new ArrayList<>(bundles);
        ordered.sort(Comparator.comparingInt(SystemBundles::startLevel));
        for (Bundle bundle : ordered) {
            if ((bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                // A resolution failure is fully described by its message; other failures need their trace.
                LOG.error(
                        "Core bundle {} {} did not start: {}",
                        bundle.getSymbolicName(),
                        bundle.getVersion(),
                        e.getMessage(),
                        e.getType() == BundleException.RESOLVE_ERROR ? null : e);
            }
        }
    }

    private static void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            LOG.warn("Cannot uninstall {}: {}", bundle.getSymbolicName(), e.getMessage());
        }
    }
}
