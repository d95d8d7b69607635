package io.millrace.persistence.internal;

import io.millrace.persistence.StoredProject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code projects}. */
@Entity
@Table(name = "projects")
class ProjectRecord {
    @Id
    @Column(name = "id")
    String id;

    @Column(name = "name", nullable = false)
    String name;

    @Column(name = "project_type", nullable = false)
    String type;

    @Column(name = "target_connection_id", nullable = false)
    String targetConnectionId;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected ProjectRecord() {}

    ProjectRecord(StoredProject project) {
        id = project.id();
        createdAt = project.createdAt();
        copyFrom(project);
    }

    /** Takes the name, type, target connection and update time; the id and creation time stay. */
    void copyFrom(StoredProject project) {
        name = project.name();
        type = project.type();
        targetConnectionId = project.targetConnectionId();
        updatedAt = project.updatedAt();
    }

    StoredProject toStoredProject() {
        return new StoredProject(id, name, type, targetConnectionId, createdAt, updatedAt);
    }
}
