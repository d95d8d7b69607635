package io.millrace.plugin;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Deploys bundles at runtime. Every deployed bundle is a jar in the {@code deploy/} folder: a jar
 * copied there by hand and a jar uploaded through this service are treated alike, and both survive a
 * restart.
 */
@ProviderType
public interface BundleDeployer {

    /** Every installed bundle, core and deployed, ordered by bundle id. */
    List<BundleInfo> list();

    /**
     * Every jar in the deploy folder and what became of it: deployed as which bundle, or why it could
     * not be installed. Jars being copied are left out until their size stops changing.
     */
    List<DeployFolderEntry> deployFolder();

    /** The installed bundles with this symbolic name (several versions may be installed side by side). */
    List<BundleInfo> find(String symbolicName);

    /**
     * Installs or updates a bundle from a jar and starts it; returns once it is active and its
     * components have activated. A jar with the same symbolic name and version as a deployed bundle
     * replaces it. When the bundle cannot be used, nothing changes: a replaced bundle is restored.
     *
     * @throws BundleRejectedException when the jar is not a bundle, does not resolve, or fails to start
     */
    BundleInfo deploy(InputStream jar);

    /**
     * Stops, uninstalls and deletes a deployed bundle.
     *
     * @param version required when several versions are deployed
     * @throws BundleRejectedException when no deployed bundle matches, the name is ambiguous without a
     *     version, or the bundle is part of the server's core
     */
    BundleInfo undeploy(String symbolicName, Optional<String> version);
}
