package io.millrace.plugin.internal;

import io.millrace.plugin.BundleRejectedException;
import io.millrace.plugin.BundleRejectedException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * What the manifest of a jar says about the bundle it holds, read before the framework sees the jar
 * so that a jar which is not a bundle is refused with a reason instead of a framework error.
 */
record BundleJar(String symbolicName, Version version, boolean fragment) {

    static BundleJar read(Path jar) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE, "The file is not a jar (zip) archive: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE, "The jar has no META-INF/MANIFEST.MF, so it is not an OSGi bundle");
        }
        Attributes main = manifest.getMainAttributes();
        String symbolicName = main.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE,
                    "The jar's manifest has no Bundle-SymbolicName header, so it is a plain jar and not an OSGi"
                            + " bundle. Build it as a bundle (e.g. with bnd-maven-plugin).");
        }
        if (!"2".equals(trim(main.getValue(Constants.BUNDLE_MANIFESTVERSION)))) {
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE,
                    "The jar's manifest lacks 'Bundle-ManifestVersion: 2'; bundles for OSGi R4 and later need it");
        }
        String name = symbolicName.split(";", 2)[0].trim();
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}")) {
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE, "The Bundle-SymbolicName '" + name + "' is not a valid symbolic name");
        }
        Version version;
        try {
            version = Version.parseVersion(trim(main.getValue(Constants.BUNDLE_VERSION)));
        } catch (IllegalArgumentException e) {
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE,
                    "The Bundle-Version '" + main.getValue(Constants.BUNDLE_VERSION) + "' is not an OSGi version: "
                            + e.getMessage(),
                    e);
        }
        return new BundleJar(name, version, main.getValue(Constants.FRAGMENT_HOST) != null);
    }

    /** A file name for the jar in the deploy folder: symbolic name and version, nothing else. */
    String fileName() {
        return symbolicName + "-" + version + ".jar";
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
