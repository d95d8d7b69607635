package io.millrace.project;

/**
 * How a storage task keeps current and history tables of a landing task's tables.
 *
 * @param landingTask the id of the landing task, in the same project, whose landed tables it reads
 * @param history whether to keep type-2 history ({@code T_history}) besides the current tables
 * @param applyIntervalSeconds how long applied changes may lag: 0 applies continuously in small
 *     batches, N applies every N seconds
 */
public record StorageSettings(String landingTask, Boolean history, Integer applyIntervalSeconds) {
    /** Whether history is kept; it is unless switched off. */
    public boolean keepsHistory() {
        return history == null || history;
    }

    /** The interval in seconds, 0 when none was given. */
    public int intervalSeconds() {
        return applyIntervalSeconds == null ? 0 : applyIntervalSeconds;
    }
}
