package io.millrace.project;

/**
 * What a user asks for when creating a project.
 *
 * @param name letters, digits and underscores, starting with a letter: it names the project's
 *     schemas in the target, such as {@code <name>_landing}
 * @param type {@code replication} or {@code pipeline}
 * @param targetConnection the id of the connection to the target platform
 */
public record ProjectRequest(String name, String type, String targetConnection) {}
