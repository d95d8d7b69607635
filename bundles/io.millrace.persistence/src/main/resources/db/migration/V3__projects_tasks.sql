-- Projects (a set of tasks writing to one target connection) and their data tasks. A connection
-- in use cannot be deleted: its references have no cascade. Task settings are JSON text that
-- only the caller reads. (VALUE is reserved in H2.)

CREATE TABLE projects (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    name                 VARCHAR(100) NOT NULL UNIQUE,
    project_type         VARCHAR(20)  NOT NULL,
    target_connection_id VARCHAR(36)  NOT NULL REFERENCES connections (id),
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- PostgreSQL does not index foreign keys itself; deleting a connection looks up the projects and
-- tasks that use it.
CREATE INDEX projects_target_connection ON projects (target_connection_id);

CREATE TABLE tasks (
    id                   VARCHAR(36)  NOT NULL PRIMARY KEY,
    project_id           VARCHAR(36)  NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name                 VARCHAR(100) NOT NULL,
    task_type            VARCHAR(20)  NOT NULL,
    source_connection_id VARCHAR(36)  REFERENCES connections (id),
    settings             VARCHAR(100000) NOT NULL,
    desired_state        VARCHAR(20)  NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (project_id, name)
);

CREATE INDEX tasks_source_connection ON tasks (source_connection_id);
