package io.millrace.persistence;

import java.time.Instant;
import java.util.Objects;

/**
 * A project as stored: a named group of data tasks that write to one target connection.
 *
 * @param id stable identifier
 * @param name unique name users know it by
 * @param type what kind of project it is, as the caller names it; the store does not interpret it
 * @param targetConnectionId the id of the connection its tasks write to
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record StoredProject(
        String id, String name, String type, String targetConnectionId, Instant createdAt, Instant updatedAt) {
    public StoredProject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(targetConnectionId, "targetConnectionId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
