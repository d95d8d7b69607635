package io.millrace.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A data task as stored: what it moves, how, and whether it should run.
 *
 * @param id stable identifier
 * @param projectId the id of the project it belongs to
 * @param name name users know it by, unique within its project
 * @param type what kind of task it is, as the caller names it; the store does not interpret it
 * @param sourceConnectionId the id of the connection it reads from, if its type has one
 * @param settings its settings as JSON text, which the store keeps without reading
 * @param desiredState the state the server should bring it to, such as {@code running}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record StoredTask(
        String id,
        String projectId,
        String name,
        String type,
        Optional<String> sourceConnectionId,
        String settings,
        String desiredState,
        Instant createdAt,
        Instant updatedAt) {
    public StoredTask {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceConnectionId, "sourceConnectionId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(desiredState, "desiredState");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    // The settings can be long: logs get what identifies the task.
    @Override
    public String toString() {
        return "StoredTask[id=" + id + ", projectId=" + projectId + ", name=" + name + ", type=" + type
                + ", desiredState=" + desiredState + "]";
    }
}
