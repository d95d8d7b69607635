package io.millrace.persistence.internal;

import io.millrace.persistence.StoredTask;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A row of {@code tasks}; the database deletes it with its project. */
@Entity
@Table(name = "tasks")
class TaskRecord {
    @Id
    @Column(name = "id")
    String id;

    @Column(name = "project_id", nullable = false)
    String projectId;

    @Column(name = "name", nullable = false)
    String name;

    @Column(name = "task_type", nullable = false)
    String type;

    @Column(name = "source_connection_id")
    String sourceConnectionId;

    @Column(name = "settings", nullable = false, length = 100_000)
    String settings;

    @Column(name = "desired_state", nullable = false)
    String desiredState;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected TaskRecord() {}

    TaskRecord(StoredTask task) {
        id = task.id();
        projectId = task.projectId();
        type = task.type();
        createdAt = task.createdAt();
        copyFrom(task);
    }

    /**
     * Takes the name, source connection, settings, desired state and update time; the id, project,
     * type and creation time stay.
     */
    void copyFrom(StoredTask task) {
        name = task.name();
        sourceConnectionId = task.sourceConnectionId().orElse(null);
        settings = task.settings();
        desiredState = task.desiredState();
        updatedAt = task.updatedAt();
    }

    StoredTask toStoredTask() {
        return new StoredTask(
                id,
                projectId,
                name,
                type,
                Optional.ofNullable(sourceConnectionId),
                settings,
                desiredState,
                createdAt,
                updatedAt);
    }
}
