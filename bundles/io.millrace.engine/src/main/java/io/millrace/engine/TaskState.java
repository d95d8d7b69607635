package io.millrace.engine;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a task is in its life. */
public enum TaskState {
    /** Not running. */
    STOPPED,
    /** Connecting, creating the capture and the landing tables. */
    STARTING,
    /** Loading tables in full. */
    FULL_LOAD,
    /** Landing changes as they are committed in the source. */
    CDC,
    /**
     * Landing, on the task's schedule, the rows whose monotonic column grew since the last run, and
     * waiting for the next run in between.
     */
    INCREMENTAL,
    /** Storage: applying landed changes on its schedule. */
    RUNNING,
    /** Stopped by an error that needs a person; {@link TaskStatus#lastError()} says which. */
    FAILED;

    /**
     * Whether a task in this state may go to {@code next}. A run starts (again, after a transient
     * failure) from {@link #STARTING}, works in {@link #FULL_LOAD}, {@link #CDC}, {@link
     * #INCREMENTAL} or {@link #RUNNING}, and ends {@link #STOPPED} or {@link #FAILED}; only starting
     * leaves those two.
     */
    public boolean canBecome(TaskState next) {
        return switch (this) {
            case STOPPED, FAILED -> next == STARTING || next == this;
            case STARTING -> true;
            case FULL_LOAD -> next != RUNNING;
            case CDC -> next != RUNNING && next != INCREMENTAL;
            case INCREMENTAL -> next != RUNNING && next != CDC;
            case RUNNING -> next != FULL_LOAD && next != CDC && next != INCREMENTAL;
        };
    }

    /** The name users see, such as {@code full-load}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
