package io.millrace.project.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.connections.ConnectionRejectedException;
import io.millrace.connections.Connections;
import io.millrace.connections.ResolvedConnection;
import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionUse;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.ProjectStore;
import io.millrace.persistence.StoredProject;
import io.millrace.persistence.StoredTask;
import io.millrace.project.IncrementalSettings;
import io.millrace.project.ProjectInfo;
import io.millrace.project.ProjectRejectedException;
import io.millrace.project.ProjectRejectedException.Reason;
import io.millrace.project.ProjectRequest;
import io.millrace.project.Projects;
import io.millrace.project.StorageSettings;
import io.millrace.project.TableName;
import io.millrace.project.TableSelection;
import io.millrace.project.TaskInfo;
import io.millrace.project.TaskRequest;
import io.millrace.scheduler.Schedules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Projects and tasks in the metadata store, checked against the connections they use. */
@Component(service = Projects.class)
public final class LocalProjects implements Projects {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProjects.class);
    /** Project names become schema names in the target, so they stay plain. */
    private static final Pattern PROJECT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,49}");

    private static final Set<String> PROJECT_TYPES = Set.of("replication", "pipeline");
    private static final Set<String> MODES =
            Set.of(TaskInfo.FULL_LOAD, TaskInfo.FULL_LOAD_AND_CDC, TaskInfo.INCREMENTAL);
    /** Kinds whose values have no order a monotonic column could follow. */
    private static final Set<Kind> UNORDERED_KINDS = Set.of(Kind.BOOLEAN, Kind.JSON, Kind.ARRAY, Kind.BINARY);

    private static final int MAX_TASK_NAME_LENGTH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProjectStore store;
    private final Connections connections;
    private final Schedules schedules;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public LocalProjects(
            @Reference ProjectStore store, @Reference Connections connections, @Reference Schedules schedules) {
        this.store = store;
        this.connections = connections;
        this.schedules = schedules;
    }

    /**
     * What a task stores as its settings: tables and mode (and incremental settings) for landing,
     * storage settings for storage.
     */
    record TaskSettings(TableSelection tables, String mode, StorageSettings storage, IncrementalSettings incremental) {}

    private static final int MAX_APPLY_INTERVAL_SECONDS = 7 * 24 * 3600;
    private static final int MAX_RETENTION_HOURS = 366 * 24;

    @Override
    public ProjectInfo createProject(ProjectRequest request) {
        if (request == null) {
            throw invalid("The request needs a body with name, type and targetConnection");
        }
        if (request.name() == null || !PROJECT_NAME.matcher(request.name()).matches()) {
            throw invalid("A project's name is 1 to 50 letters, digits and '_', starting with a letter,"
                    + " because it names the project's schemas in the target (<name>_landing)");
        }
        if (request.type() == null || !PROJECT_TYPES.contains(request.type())) {
            throw invalid("A project's type is replication or pipeline");
        }
        ResolvedConnection target = connection(request.targetConnection(), "targetConnection", ConnectionUse.TARGET);
        if (target.connector().target().isEmpty()) {
            throw invalid("The connection " + target.info().name() + " ("
                    + target.info().connector()
                    + ") cannot be a target; choose a connection to a target platform such as postgres or h2");
        }
        TargetDialect dialect = target.connector().target().get();
        String longestSchema = request.name() + "_storage_internal";
        if (dialect.identifierLength(longestSchema) > dialect.maxIdentifierLength()) {
            throw invalid("The project's name makes the schema " + longestSchema + ", longer than the "
                    + target.info().connector() + " target takes (" + dialect.maxIdentifierLength()
                    + " characters); choose a name of at most "
                    + (dialect.maxIdentifierLength() - "_storage_internal".length()) + " characters");
        }
        Instant now = clock.instant();
        StoredProject project = new StoredProject(
                UUID.randomUUID().toString(),
                request.name(),
                request.type(),
                target.info().id(),
                now,
                now);
        try {
            store.create(project);
        } catch (DuplicateKeyException e) {
            throw new ProjectRejectedException(
                    Reason.CONFLICT, "A project named " + request.name() + " exists already");
        }
        LOG.info("Created project {} ({})", project.name(), project.id());
        return info(project);
    }

    @Override
    public List<ProjectInfo> projects() {
        return store.list().stream().map(LocalProjects::info).toList();
    }

    @Override
    public Optional<ProjectInfo> project(String id) {
        return store.find(id).map(LocalProjects::info);
    }

    @Override
    public void deleteProject(String id) {
        if (!store.delete(id)) {
            throw projectNotFound(id);
        }
        LOG.info("Deleted project {}", id);
    }

    @Override
    public TaskInfo createTask(String projectId, TaskRequest request) {
        StoredProject project = store.find(projectId).orElseThrow(() -> projectNotFound(projectId));
        if (request == null) {
            throw invalid("The request needs a body with name, type, sourceConnection, tables and mode");
        }
        if (request.name() == null
                || request.name().isBlank()
                || request.name().length() > MAX_TASK_NAME_LENGTH
                || request.name().chars().anyMatch(Character::isISOControl)) {
            throw invalid("A task's name is 1 to " + MAX_TASK_NAME_LENGTH + " characters, without control characters");
        }
        if (TaskInfo.STORAGE.equals(request.type())) {
            return createStorageTask(project, request);
        }
        if (!TaskInfo.LANDING.equals(request.type())) {
            throw invalid("A task's type is landing or storage");
        }
        if (request.mode() == null || !MODES.contains(request.mode())) {
            throw invalid("A landing task's mode is full-load, full-load+cdc or incremental");
        }
        ResolvedConnection source = connection(request.sourceConnection(), "sourceConnection", ConnectionUse.SOURCE);
        SourceConnector reader = source.connector()
                .source()
                .orElseThrow(() -> invalid("The connection " + source.info().name() + " ("
                        + source.info().connector()
                        + ") cannot be read from; choose a connection to a source database"));
        Optional<ChangeCapture> capture = reader.changeCapture();
        if (request.mode().equals(TaskInfo.FULL_LOAD_AND_CDC) && capture.isEmpty()) {
            throw invalid(
                    "The " + source.info().connector() + " connector cannot capture changes; use the mode full-load"
                            + (reader.readsIncrements() ? " or incremental" : ""));
        }
        if (request.mode().equals(TaskInfo.INCREMENTAL) && !reader.readsIncrements()) {
            throw invalid("The " + source.info().connector()
                    + " connector cannot read rows by a monotonic column; use the mode full-load");
        }
        if (!request.mode().equals(TaskInfo.INCREMENTAL) && request.incremental() != null) {
            throw invalid("incremental settings belong to tasks in the mode incremental");
        }
        TableSelection selection = request.tables();
        if (selection == null || selection.selectsNothing()) {
            throw invalid("Choose tables: tables lists them by schema and table, include by patterns such as public.%");
        }
        for (String pattern : concat(selection.include(), selection.exclude())) {
            if (!TableSelection.isPattern(pattern)) {
                throw invalid("The pattern '" + pattern + "' is not schema.table, such as public.% or sales.order_%");
            }
        }
        List<TableDescription> catalog = connections.catalog(source.info().id());
        for (TableName named : selection.tables()) {
            boolean exists = catalog.stream()
                    .anyMatch(table -> table.schema().equals(named.schema())
                            && table.name().equals(named.table()));
            if (!exists) {
                throw invalid("The table " + named + " does not exist in "
                        + source.info().name() + " or cannot be read; GET /api/v1/connections/"
                        + source.info().id() + "/catalog lists the tables");
            }
        }
        requireLandable(selection.select(catalog), source);
        requireNamesFit(selection.select(catalog), project);
        IncrementalSettings incremental = request.mode().equals(TaskInfo.INCREMENTAL)
                ? checkedIncremental(request.incremental(), selection.select(catalog))
                : null;
        Instant now = clock.instant();
        StoredTask task = new StoredTask(
                UUID.randomUUID().toString(),
                project.id(),
                request.name().strip(),
                request.type(),
                Optional.of(source.info().id()),
                json(new TaskSettings(selection, request.mode(), null, incremental)),
                TaskInfo.STOPPED,
                now,
                now);
        return saved(project, task);
    }

    /**
     * Incremental settings that every selected table can follow: a schedule, and a monotonic column
     * that each table has, of a kind with an order.
     */
    private IncrementalSettings checkedIncremental(IncrementalSettings settings, List<TableDescription> tables) {
        if (settings == null || settings.schedule() == null) {
            throw invalid("A task in the mode incremental needs incremental.schedule (such as every 15m or a cron"
                    + " expression) and incremental.column, the monotonic column (an updated-at timestamp or an"
                    + " increasing id) that finds the rows changed since the last run");
        }
        try {
            schedules.parse(settings.schedule());
        } catch (IllegalArgumentException e) {
            throw invalid("incremental.schedule: " + e.getMessage());
        }
        for (String named : settings.columns().keySet()) {
            if (tables.stream().noneMatch(table -> (table.schema() + "." + table.name()).equals(named))) {
                throw invalid("incremental.columns: " + named + " is not a table of the task (write schema.table)");
            }
        }
        List<String> lacking = new ArrayList<>();
        for (TableDescription table : tables) {
            Optional<String> column = settings.columnOf(table);
            Optional<ColumnDescription> found = column.flatMap(name -> table.columns().stream()
                    .filter(candidate -> candidate.name().equals(name))
                    .findFirst());
            if (found.isEmpty()) {
                lacking.add(table.schema() + "." + table.name()
                        + column.map(name -> " (no column " + name + ")").orElse(" (no column named)"));
            } else if (UNORDERED_KINDS.contains(found.get().type().kind())) {
                lacking.add(table.schema() + "." + table.name() + " ("
                        + found.get().name() + " is " + found.get().type() + ", which has no order to follow)");
            }
        }
        if (!lacking.isEmpty()) {
            throw invalid("These tables lack the monotonic column that incremental landing reads by: "
                    + String.join(", ", lacking) + ". Name each table's column in incremental.columns"
                    + " ({\"schema.table\": \"column\"}), or leave the table out");
        }
        return settings;
    }

    /** A storage task reads one landing task of its project; a project has one storage task. */
    private TaskInfo createStorageTask(StoredProject project, TaskRequest request) {
        StorageSettings settings = request.storage();
        if (settings == null || settings.landingTask() == null) {
            throw invalid("A storage task needs storage.landingTask, the id of a landing task in this project");
        }
        TaskInfo landing = task(project.id(), settings.landingTask())
                .filter(task -> task.type().equals(TaskInfo.LANDING))
                .orElseThrow(() -> invalid("storage.landingTask: the project " + project.name()
                        + " has no landing task with the id '" + settings.landingTask() + "'"));
        if (settings.intervalSeconds() < 0 || settings.intervalSeconds() > MAX_APPLY_INTERVAL_SECONDS) {
            throw invalid("storage.applyIntervalSeconds is 0 (apply continuously) to " + MAX_APPLY_INTERVAL_SECONDS
                    + " (a week)");
        }
        if (settings.retentionHours() < 0 || settings.retentionHours() > MAX_RETENTION_HOURS) {
            throw invalid("storage.appliedChangesRetentionHours is 0 (remove changes once applied) to "
                    + MAX_RETENTION_HOURS + " (a year)");
        }
        if (settings.applySchedule() != null) {
            if (settings.applyIntervalSeconds() != null) {
                throw invalid("Give storage.applyIntervalSeconds or storage.applySchedule, not both");
            }
            try {
                schedules.parse(settings.applySchedule());
            } catch (IllegalArgumentException e) {
                throw invalid("storage.applySchedule: " + e.getMessage());
            }
        }
        requireKeyColumns(landing, settings.keyColumns());
        if (store.tasks(project.id()).stream().anyMatch(task -> task.type().equals(TaskInfo.STORAGE))) {
            throw new ProjectRejectedException(
                    Reason.CONFLICT,
                    "The project " + project.name()
                            + " has a storage task already; its storage schemas hold one set of tables");
        }
        Instant now = clock.instant();
        StoredTask task = new StoredTask(
                UUID.randomUUID().toString(),
                project.id(),
                request.name().strip(),
                TaskInfo.STORAGE,
                Optional.empty(),
                json(new TaskSettings(
                        null,
                        null,
                        new StorageSettings(
                                landing.id(),
                                settings.keepsHistory(),
                                settings.intervalSeconds(),
                                settings.applySchedule(),
                                settings.keyColumns(),
                                settings.retentionHours()),
                        null)),
                TaskInfo.STOPPED,
                now,
                now);
        return saved(project, task);
    }

    private TaskInfo saved(StoredProject project, StoredTask task) {
        try {
            store.createTask(task);
        } catch (DuplicateKeyException e) {
            throw new ProjectRejectedException(
                    Reason.CONFLICT, "The project " + project.name() + " has a task named " + task.name() + " already");
        }
        LOG.info("Created {} task {} ({}) in project {}", task.type(), task.name(), task.id(), project.name());
        return info(task);
    }

    /** Key columns may be chosen for tables of the landing task, naming columns they have. */
    private void requireKeyColumns(TaskInfo landing, Map<String, List<String>> keyColumns) {
        if (keyColumns.isEmpty()) {
            return;
        }
        List<TableDescription> tables = selectedTables(landing);
        for (Map.Entry<String, List<String>> chosen : keyColumns.entrySet()) {
            TableDescription table = tables.stream()
                    .filter(candidate -> (candidate.schema() + "." + candidate.name()).equals(chosen.getKey()))
                    .findFirst()
                    .orElseThrow(() -> invalid("storage.keyColumns: " + chosen.getKey()
                            + " is not a table of the landing task (write schema.table)"));
            if (chosen.getValue() == null || chosen.getValue().isEmpty()) {
                throw invalid("storage.keyColumns: choose at least one column for " + chosen.getKey());
            }
            for (String column : chosen.getValue()) {
                if (table.columns().stream()
                        .noneMatch(candidate -> candidate.name().equals(column))) {
                    throw invalid("storage.keyColumns: " + chosen.getKey() + " has no column " + column);
                }
            }
        }
    }

    @Override
    public List<TaskInfo> tasks(String projectId) {
        if (store.find(projectId).isEmpty()) {
            throw projectNotFound(projectId);
        }
        return store.tasks(projectId).stream().map(LocalProjects::info).toList();
    }

    @Override
    public Optional<TaskInfo> task(String projectId, String taskId) {
        return store.findTask(taskId)
                .filter(task -> task.projectId().equals(projectId))
                .map(LocalProjects::info);
    }

    @Override
    public List<TaskInfo> allTasks() {
        return store.allTasks().stream().map(LocalProjects::info).toList();
    }

    @Override
    public void deleteTask(String projectId, String taskId) {
        if (task(projectId, taskId).isEmpty() || !store.deleteTask(taskId)) {
            throw taskNotFound(taskId);
        }
        LOG.info("Deleted task {}", taskId);
    }

    @Override
    public void setDesiredState(String taskId, String desiredState) {
        if (!store.setDesiredState(taskId, desiredState, clock.instant())) {
            throw taskNotFound(taskId);
        }
    }

    @Override
    public List<TableDescription> selectedTables(TaskInfo task) {
        ResolvedConnection source = connection(task.sourceConnection(), "sourceConnection", ConnectionUse.SOURCE);
        List<TableDescription> selected =
                task.tables().select(connections.catalog(source.info().id()));
        requireLandable(selected, source);
        return selected;
    }

    /**
     * Tables whose names the project's target takes as they are: the target would cut a longer one
     * short, where it could meet another's (names derived from it, such as T__current, are
     * shortened with a hash instead).
     */
    private void requireNamesFit(List<TableDescription> selected, StoredProject project) {
        ResolvedConnection target = connection(project.targetConnectionId(), "targetConnection", ConnectionUse.TARGET);
        Optional<TargetDialect> dialect = target.connector().target();
        for (TableDescription table : selected) {
            if (dialect.isPresent()
                    && dialect.get().identifierLength(table.name())
                            > dialect.get().maxIdentifierLength()) {
                throw invalid("The table " + table.schema() + "." + table.name() + " has a name longer than the "
                        + target.info().connector() + " target takes ("
                        + dialect.get().maxIdentifierLength()
                        + "); rename it in the source or exclude it from the task");
            }
        }
    }

    /** At least one table, and no two that would land under the same name. */
    private static void requireLandable(List<TableDescription> selected, ResolvedConnection source) {
        if (selected.isEmpty()) {
            throw invalid(
                    "The table selection matches no table of " + source.info().name() + "; GET /api/v1/connections/"
                            + source.info().id() + "/catalog lists the tables");
        }
        Map<String, TableDescription> byName = new HashMap<>();
        for (TableDescription table : selected) {
            TableDescription other = byName.putIfAbsent(table.name(), table);
            if (other != null) {
                throw invalid("The tables " + other.schema() + "." + other.name() + " and " + table.schema() + "."
                        + table.name() + " would land under the same name; put them in separate tasks of separate"
                        + " projects, or exclude one");
            }
        }
    }

    /** The connection, with the settings its use here needs. */
    private ResolvedConnection connection(String id, String field, ConnectionUse use) {
        if (id == null || id.isBlank()) {
            throw invalid(field + " must be the id of a connection");
        }
        try {
            ResolvedConnection connection = connections.resolve(id);
            connection.requireSettingsFor(use);
            return connection;
        } catch (ConnectionRejectedException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static ProjectInfo info(StoredProject project) {
        return new ProjectInfo(
                project.id(),
                project.name(),
                project.type(),
                project.targetConnectionId(),
                project.createdAt(),
                project.updatedAt());
    }

    private static TaskInfo info(StoredTask task) {
        TaskSettings settings;
        try {
            settings = JSON.readValue(task.settings(), TaskSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "The settings of task " + task.id() + " are not readable: " + e.getMessage(), e);
        }
        return new TaskInfo(
                task.id(),
                task.projectId(),
                task.name(),
                task.type(),
                task.sourceConnectionId().orElse(""),
                settings.tables() == null ? new TableSelection(null, null, null) : settings.tables(),
                settings.mode() == null ? "" : settings.mode(),
                task.desiredState(),
                Optional.ofNullable(settings.storage()),
                Optional.ofNullable(settings.incremental()),
                task.createdAt(),
                task.updatedAt());
    }

    private static String json(TaskSettings settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Task settings are always JSON", e);
        }
    }

    private static ProjectRejectedException invalid(String message) {
        return new ProjectRejectedException(Reason.INVALID, message);
    }

    private static ProjectRejectedException projectNotFound(String id) {
        return new ProjectRejectedException(Reason.NOT_FOUND, "No project has the id '" + id + "'");
    }

    private static ProjectRejectedException taskNotFound(String id) {
        return new ProjectRejectedException(Reason.NOT_FOUND, "No task has the id '" + id + "' in this project");
    }
}
