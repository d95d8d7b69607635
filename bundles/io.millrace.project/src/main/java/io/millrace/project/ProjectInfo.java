package io.millrace.project;

import java.time.Instant;

/** A project as users see it. */
public record ProjectInfo(
        String id, String name, String type, String targetConnection, Instant createdAt, Instant updatedAt) {}
