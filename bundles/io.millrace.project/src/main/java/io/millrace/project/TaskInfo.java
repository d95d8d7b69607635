package io.millrace.project;

import java.time.Instant;
import java.util.Optional;

/**
 * A task as users see it. Landing tasks have a source connection, tables and mode, and in mode
 * {@code incremental} their {@link IncrementalSettings}; storage tasks have their {@link
 * StorageSettings}.
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
        Optional<IncrementalSettings> incremental,
        Instant createdAt,
        Instant updatedAt) {

    /** A task without incremental settings, as before there were any. */
    public TaskInfo(
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
        this(
                id,
                projectId,
                name,
                type,
                sourceConnection,
                tables,
                mode,
                desiredState,
                storage,
                Optional.empty(),
                createdAt,
                updatedAt);
    }

    public static final String LANDING = "landing";
    public static final String STORAGE = "storage";

    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String FULL_LOAD = "full-load";
    public static final String FULL_LOAD_AND_CDC = "full-load+cdc";
    /**
     * A full load, then on a schedule the rows whose monotonic column is at or above what was landed
     * before, landed as changes; deletes in the source are not seen.
     */
    public static final String INCREMENTAL = "incremental";

    /** Whether changes are landed after the full load. */
    public boolean capturesChanges() {
        return FULL_LOAD_AND_CDC.equals(mode);
    }

    /** Whether rows changed since the last run are landed on a schedule after the full load. */
    public boolean landsIncrements() {
        return INCREMENTAL.equals(mode);
    }
}
