package io.millrace.project;

/**
 * What a user asks for when adding a task to a project.
 *
 * @param name unique within the project
 * @param type {@code landing} or {@code storage}
 * @param sourceConnection for landing: the id of the connection to read from
 * @param tables for landing: the source tables to move
 * @param mode for landing: {@code full-load} or {@code full-load+cdc}
 * @param storage for storage: which landing task it reads, and how
 */
public record TaskRequest(
        String name,
        String type,
        String sourceConnection,
        TableSelection tables,
        String mode,
        StorageSettings storage) {
    /** A landing task. */
    public static TaskRequest landing(String name, String sourceConnection, TableSelection tables, String mode) {
        return new TaskRequest(name, TaskInfo.LANDING, sourceConnection, tables, mode, null);
    }
}
