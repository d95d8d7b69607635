package io.millrace.project;

/**
 * What a user asks for when adding a task to a project.
 *
 * @param name unique within the project
 * @param type {@code landing}
 * @param sourceConnection the id of the connection to read from
 * @param tables the source tables to move
 * @param mode {@code full-load} or {@code full-load+cdc}
 */
public record TaskRequest(String name, String type, String sourceConnection, TableSelection tables, String mode) {}
