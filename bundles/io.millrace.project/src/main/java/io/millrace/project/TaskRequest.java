package io.millrace.project;

/**
 * What a user asks for when adding a task to a project.
 *
 * @param name unique within the project
 * @param type {@code landing} or {@code storage}
 * @param sourceConnection for landing: the id of the connection to read from
 * @param tables for landing: the source tables to move
 * @param mode for landing: {@code full-load}, {@code full-load+cdc} (log-based change data capture)
 *     or {@code incremental} (on a schedule, the rows whose monotonic column grew; deletes in the
 *     source are not seen)
 * @param storage for storage: which landing task it reads, and how
 * @param incremental for landing in mode {@code incremental}: the monotonic column and the schedule
 */
public record TaskRequest(
        String name,
        String type,
        String sourceConnection,
        TableSelection tables,
        String mode,
        StorageSettings storage,
        IncrementalSettings incremental) {

    /** A request without incremental settings, as before there were any. */
    public TaskRequest(
            String name,
            String type,
            String sourceConnection,
            TableSelection tables,
            String mode,
            StorageSettings storage) {
        this(name, type, sourceConnection, tables, mode, storage, null);
    }

    /** A landing task. */
    public static TaskRequest landing(String name, String sourceConnection, TableSelection tables, String mode) {
        return new TaskRequest(name, TaskInfo.LANDING, sourceConnection, tables, mode, null, null);
    }

    /** A landing task in mode {@code incremental}. */
    public static TaskRequest incremental(
            String name, String sourceConnection, TableSelection tables, IncrementalSettings incremental) {
        return new TaskRequest(
                name, TaskInfo.LANDING, sourceConnection, tables, TaskInfo.INCREMENTAL, null, incremental);
    }
}
