package io.millrace.project;

import java.time.Instant;
import java.util.Optional;

/**
 * A task as users see it. Landing tasks have a source connection, tables and mode; storage tasks
 * have their {@link StorageSettings}.
 *
 * @param desiredState {@code running} once started by a user, {@code stopped} once stopped: the
 *     server brings the task back to it after a restart
 */
public record TaskInfo(
        String id,
        String projectId,
        String name,
        String type,
        String sourceConnection,
        TableSelection tables,
        String mode,
        String desiredState,
        Optional<StorageSettings> storage,
        Instant createdAt,
        Instant updatedAt) {

    public static final String LANDING = "landing";
    public static final String STORAGE = "storage";

    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String FULL_LOAD = "full-load";
    public static final String FULL_LOAD_AND_CDC = "full-load+cdc";

    /** Whether changes are landed after the full load. */
    public boolean capturesChanges() {
        return FULL_LOAD_AND_CDC.equals(mode);
    }
}
