package io.millrace.plugin;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A jar in the deploy folder.
 *
 * @param file the file name in the deploy folder
 * @param status whether it is installed
 * @param bundleId the bundle it became, when installed
 * @param error why it could not be installed, or why the installed bundle does not work
 * @param lastChange when the deployer last acted on the file
 */
public record DeployFolderEntry(
        String file, Status status, Optional<Long> bundleId, Optional<String> error, Instant lastChange) {
    public DeployFolderEntry {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(lastChange, "lastChange");
    }

    /** What became of the jar. */
    public enum Status {
        /** Installed as a bundle (which may still have an error, see the bundle). */
        INSTALLED,
        /** Not installed: not a bundle, or clashing with an installed bundle. */
        FAILED
    }
}
