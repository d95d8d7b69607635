package io.millrace.engine.internal;

import io.millrace.connections.Connections;
import io.millrace.connections.ResolvedConnection;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import io.millrace.engine.TaskEngine;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import io.millrace.engine.Verification;
import io.millrace.project.IncrementalSettings;
import io.millrace.project.ProjectInfo;
import io.millrace.project.ProjectRejectedException;
import io.millrace.project.ProjectRejectedException.Reason;
import io.millrace.project.Projects;
import io.millrace.project.StorageSettings;
import io.millrace.project.TaskInfo;
import io.millrace.scheduler.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs landing tasks on their own threads, and at start resumes every task that users left
 * running.
 */
@Component(service = TaskEngine.class, configurationPid = EngineConfiguration.PID)
@Designate(ocd = EngineConfiguration.class)
public final class LocalTaskEngine implements TaskEngine {
    private static final Logger LOG = LoggerFactory.getLogger(LocalTaskEngine.class);
    private static final long STOP_WAIT_MILLIS = 30_000;
    private static final Duration CATALOG_CHECK = Duration.ofSeconds(30);
    private static final int KEPT_VERIFICATIONS = 20;

    private final Projects projects;
    private final Connections connections;
    private final EngineConfiguration configuration;
    private final Schedules schedules;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    /** The latest verifications per storage task, newest first; kept while the server runs. */
    private final Map<String, Deque<VerificationRun>> verifications = new ConcurrentHashMap<>();

    /** A runner and its thread. */
    private record Running(TaskRun runner, Thread thread) {}

    @Activate
    public LocalTaskEngine(
            EngineConfiguration configuration,
            @Reference Projects projects,
            @Reference Connections connections,
            @Reference Schedules schedules) {
        this.configuration = configuration;
        this.schedules = schedules;
        this.projects = projects;
        this.connections = connections;
        Thread resume = new Thread(this::resumeRunningTasks, "millrace-resume-tasks");
        resume.setDaemon(true);
        resume.start();
    }

    @Deactivate
    void deactivate() {
        running.values().forEach(task -> task.runner().stop());
        running.values().forEach(task -> join(task.thread()));
        running.clear();
    }

    private void resumeRunningTasks() {
        for (TaskInfo task : projects.allTasks()) {
            if (TaskInfo.RUNNING.equals(task.desiredState())) {
                try {
                    launch(task, Optional.empty());
                    LOG.info("Resumed task {} ({})", task.name(), task.id());
                } catch (RuntimeException e) {
                    LOG.error("Cannot resume task {} ({}): {}", task.name(), task.id(), e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public synchronized TaskStatus start(String projectId, String taskId) {
        TaskInfo task = task(projectId, taskId);
        Running current = running.get(taskId);
        if (current == null || !current.thread().isAlive()) {
            current = launch(task, Optional.empty());
        }
        projects.setDesiredState(taskId, TaskInfo.RUNNING);
        return current.runner().status();
    }

    @Override
    public synchronized TaskStatus stop(String projectId, String taskId) {
        task(projectId, taskId);
        projects.setDesiredState(taskId, TaskInfo.STOPPED);
        Running current = running.get(taskId);
        if (current == null) {
            return idle(taskId);
        }
        current.runner().stop();
        join(current.thread());
        return current.runner().status();
    }

    @Override
    public synchronized TaskStatus reload(String projectId, String taskId, String schema, String table) {
        TaskInfo task = task(projectId, taskId);
        if (!task.tables().matches(schema, table)) {
            throw new ProjectRejectedException(
                    Reason.INVALID,
                    "The table " + schema + "." + table + " is not one of the tables of task " + task.name());
        }
        Running current = running.get(taskId);
        if (current != null && current.thread().isAlive() && current.runner() instanceof LandingTaskRunner landing) {
            landing.reload(schema, table);
        } else {
            current = launch(task, Optional.of(List.of(schema, table)));
            projects.setDesiredState(taskId, TaskInfo.RUNNING);
        }
        return current.runner().status();
    }

    @Override
    public synchronized TaskStatus apply(String projectId, String taskId) {
        TaskInfo task = task(projectId, taskId);
        if (!task.type().equals(TaskInfo.STORAGE)) {
            throw new ProjectRejectedException(
                    Reason.INVALID,
                    "Only storage tasks apply changes; " + task.name() + " is a " + task.type() + " task");
        }
        Running current = running.get(taskId);
        if (current != null && current.thread().isAlive()) {
            ((StorageTaskRunner) current.runner()).applyNow();
            return current.runner().status();
        }
        StorageTaskRunner once = new StorageTaskRunner(task.id(), () -> storageJob(task), true);
        once.run();
        TaskStatus applied = once.status();
        if (applied.state() == TaskState.FAILED) {
            throw new ProjectRejectedException(
                    Reason.CONFLICT,
                    "The storage task " + task.name() + " could not apply: "
                            + applied.lastError().orElse("?"));
        }
        return applied;
    }

    @Override
    public synchronized TaskStatus runNow(String projectId, String taskId) {
        TaskInfo task = task(projectId, taskId);
        if (!task.landsIncrements()) {
            String why = task.type().equals(TaskInfo.STORAGE)
                    ? "is a storage task: apply its landed changes now with POST .../actions/apply"
                    : task.capturesChanges()
                            ? "lands in mode full-load+cdc, every change as soon as the source commits it"
                            : "lands in mode " + task.mode() + ", which loads the tables at every start: stop and"
                                    + " start it to load them again";
            throw new ProjectRejectedException(
                    Reason.INVALID,
                    "Only incremental landing tasks have runs to start now; " + task.name() + " " + why);
        }
        Running current = running.get(taskId);
        if (current == null || !current.thread().isAlive()) {
            throw new ProjectRejectedException(
                    Reason.CONFLICT,
                    "The task " + task.name()
                            + " is not running, so it cannot run now: start it (POST .../actions/start), then ask"
                            + " again");
        }
        LandingTaskRunner landing = (LandingTaskRunner) current.runner();
        landing.runNow();
        return landing.status();
    }

    @Override
    public List<TaskStatus> startProject(String projectId) {
        List<TaskStatus> started = new ArrayList<>();
        for (TaskInfo task : inRunOrder(projectId)) {
            started.add(start(projectId, task.id()));
        }
        return started;
    }

    @Override
    public List<TaskStatus> stopProject(String projectId) {
        List<TaskInfo> tasks = new ArrayList<>(inRunOrder(projectId));
        Collections.reverse(tasks);
        List<TaskStatus> stopped = new ArrayList<>();
        for (TaskInfo task : tasks) {
            stopped.add(stop(projectId, task.id()));
        }
        return stopped;
    }

    /** Landing tasks first, since storage reads what they land. */
    private List<TaskInfo> inRunOrder(String projectId) {
        return projects.tasks(projectId).stream()
                .sorted(Comparator.comparing((TaskInfo task) -> task.type().equals(TaskInfo.STORAGE)))
                .toList();
    }

    @Override
    public TaskStatus status(String projectId, String taskId) {
        task(projectId, taskId);
        Running current = running.get(taskId);
        return current == null ? idle(taskId) : current.runner().status();
    }

    @Override
    public Verification verify(String projectId, String taskId, List<String> tables) {
        TaskInfo storage = storageTask(task(projectId, taskId));
        TaskInfo landing = projects.task(
                        projectId, storage.storage().orElseThrow().landingTask())
                .orElseThrow(() -> new ProjectRejectedException(
                        Reason.INVALID, "The landing task storage task " + storage.name() + " reads was deleted"));
        List<String> selected = tables.isEmpty()
                ? List.of()
                : projects.selectedTables(landing).stream()
                        .map(table -> table.schema() + "." + table.name())
                        .toList();
        for (String table : tables) {
            if (!selected.contains(table)) {
                throw new ProjectRejectedException(
                        Reason.INVALID,
                        "The table " + table + " is not one of the tables of task " + landing.name()
                                + "; name tables as schema.table");
            }
        }
        VerificationRun run =
                new VerificationRun(() -> job(landing), () -> storageJob(storage), tables, new VerificationRun.Tasks() {
                    @Override
                    public Optional<TaskStatus> landing() {
                        return Optional.ofNullable(running.get(landing.id()))
                                .map(r -> r.runner().status());
                    }

                    @Override
                    public Optional<TaskStatus> storage() {
                        return Optional.ofNullable(running.get(storage.id()))
                                .map(r -> r.runner().status());
                    }

                    @Override
                    public Optional<Instant> landedUpTo() {
                        return Optional.ofNullable(running.get(landing.id()))
                                .flatMap(r -> r.runner().progress.landedUpTo());
                    }

                    @Override
                    public boolean applyNow() {
                        Running current = running.get(storage.id());
                        if (current == null || !current.thread().isAlive()) {
                            return false;
                        }
                        ((StorageTaskRunner) current.runner()).applyNow();
                        return true;
                    }
                });
        Deque<VerificationRun> kept = verifications.computeIfAbsent(storage.id(), id -> new ConcurrentLinkedDeque<>());
        kept.addFirst(run);
        while (kept.size() > KEPT_VERIFICATIONS) {
            kept.pollLast();
        }
        String projectName = project(storage).name();
        Thread thread = new Thread(
                () -> {
                    MDC.put("project", projectName);
                    MDC.put("task", storage.name());
                    run.run();
                },
                "millrace-verify-" + storage.name());
        thread.setDaemon(true);
        thread.start();
        return run.report(storage.id());
    }

    @Override
    public List<Verification> verifications(String projectId, String taskId) {
        TaskInfo storage = storageTask(task(projectId, taskId));
        return verifications.getOrDefault(storage.id(), new ConcurrentLinkedDeque<>()).stream()
                .map(run -> run.report(storage.id()))
                .toList();
    }

    /** The storage task itself, or the storage task that reads a landing task. */
    private TaskInfo storageTask(TaskInfo task) {
        if (task.type().equals(TaskInfo.STORAGE)) {
            return task;
        }
        return projects.tasks(task.projectId()).stream()
                .filter(candidate -> candidate.type().equals(TaskInfo.STORAGE)
                        && candidate
                                .storage()
                                .map(StorageSettings::landingTask)
                                .orElse("")
                                .equals(task.id()))
                .findFirst()
                .orElseThrow(() -> new ProjectRejectedException(
                        Reason.INVALID,
                        "Verification compares the source with storage's current tables, and no storage task reads "
                                + task.name() + "; add one"));
    }

    @Override
    public synchronized void release(String projectId, String taskId) {
        TaskInfo task = task(projectId, taskId);
        Running current = running.remove(taskId);
        if (current != null) {
            current.runner().stop();
            join(current.thread());
        }
        if (task.capturesChanges()) {
            ResolvedConnection source = connections.resolve(task.sourceConnection());
            source.connector()
                    .source()
                    .flatMap(reader -> reader.changeCapture())
                    .ifPresent(capture -> capture.drop(source.settings(), captureName(taskId)));
        }
    }

    private Running launch(TaskInfo task, Optional<List<String>> reload) {
        TaskRun runner;
        if (task.type().equals(TaskInfo.STORAGE)) {
            runner = new StorageTaskRunner(task.id(), () -> storageJob(task), false);
        } else {
            LandingTaskRunner landing = new LandingTaskRunner(
                    task.id(), () -> job(task), CATALOG_CHECK, configuration.maxRetainedWalMegabytes() * 1024 * 1024);
            reload.ifPresent(table -> landing.reload(table.get(0), table.get(1)));
            runner = landing;
        }
        String projectName = project(task).name();
        // Every log line of the task says which project and task it is about.
        Thread thread = new Thread(
                () -> {
                    MDC.put("project", projectName);
                    MDC.put("task", task.name());
                    runner.run();
                },
                "millrace-task-" + task.name());
        thread.setDaemon(true);
        Running started = new Running(runner, thread);
        running.put(task.id(), started);
        thread.start();
        return started;
    }

    private LandingJob job(TaskInfo task) {
        ProjectInfo project = project(task);
        ResolvedConnection source = connections.resolve(task.sourceConnection());
        ResolvedConnection target = connections.resolve(project.targetConnection());
        TargetDialect dialect = dialect(target);
        List<TableDescription> tables = projects.selectedTables(task);
        if (task.landsIncrements()
                && !source.connector()
                        .source()
                        .map(SourceConnector::readsIncrements)
                        .orElse(false)) {
            throw new ProjectRejectedException(
                    Reason.INVALID,
                    "The " + source.connector().id() + " connector no longer reads rows by a monotonic column, which"
                            + " the mode incremental needs");
        }
        return new LandingJob(
                task.id(),
                captureName(task.id()),
                project.name() + "_landing",
                source.connector().id(),
                source.connector()
                        .source()
                        .orElseThrow(() -> new ProjectRejectedException(
                                Reason.INVALID,
                                "The connector of " + source.info().name() + " is no longer a source")),
                source.settings(),
                dialect,
                target.settings(),
                tables,
                task.capturesChanges(),
                configuration.loadParallelism(),
                configuration.rowsPerRange(),
                task.incremental()
                        .filter(settings -> task.landsIncrements())
                        .map(settings -> increments(settings, tables)));
    }

    /**
     * Each table's monotonic column and the schedule; a table that lost its column since the task
     * was created fails the task, naming it.
     */
    private Increments increments(IncrementalSettings settings, List<TableDescription> tables) {
        Map<List<String>, String> columns = new HashMap<>();
        List<String> lacking = new ArrayList<>();
        for (TableDescription table : tables) {
            Optional<String> column = settings.columnOf(table)
                    .filter(name -> table.columns().stream()
                            .anyMatch(candidate -> candidate.name().equals(name)));
            if (column.isPresent()) {
                columns.put(List.of(table.schema(), table.name()), column.get());
            } else {
                lacking.add(table.schema() + "." + table.name()
                        + settings.columnOf(table)
                                .map(name -> " (no column " + name + ")")
                                .orElse(""));
            }
        }
        if (!lacking.isEmpty()) {
            throw new ProjectRejectedException(
                    Reason.INVALID,
                    "Incremental landing reads every table by its monotonic column, and these tables lack it: "
                            + String.join(", ", lacking) + ". Leave them out of the task, or create the task anew"
                            + " naming their column in incremental.columns");
        }
        return new Increments(columns, schedules.parse(settings.schedule()));
    }

    private StorageJob storageJob(TaskInfo task) {
        ProjectInfo project = project(task);
        StorageSettings settings = task.storage()
                .orElseThrow(() -> new ProjectRejectedException(Reason.INVALID, "The task has no storage settings"));
        TaskInfo landing = projects.task(project.id(), settings.landingTask())
                .orElseThrow(() -> new ProjectRejectedException(
                        Reason.INVALID, "The landing task this storage task reads was deleted"));
        // Only the source's connector id is needed here: its settings stay sealed.
        String sourceConnector = connections
                .find(landing.sourceConnection())
                .orElseThrow(() -> new ProjectRejectedException(
                        Reason.INVALID, "The connection the landing task reads from was deleted"))
                .connector();
        ResolvedConnection target = connections.resolve(project.targetConnection());
        return new StorageJob(
                task.id(),
                project.name(),
                sourceConnector,
                dialect(target),
                target.settings(),
                withChosenKeys(projects.selectedTables(landing), settings.keyColumns()),
                settings.keepsHistory(),
                settings.applySchedule() != null
                        ? Optional.of(schedules.parse(settings.applySchedule()))
                        : settings.intervalSeconds() > 0
                                ? Optional.of(schedules.every(Duration.ofSeconds(settings.intervalSeconds())))
                                : Optional.empty(),
                Duration.ofHours(settings.retentionHours()));
    }

    private ProjectInfo project(TaskInfo task) {
        return projects.project(task.projectId())
                .orElseThrow(() -> new ProjectRejectedException(Reason.NOT_FOUND, "The task's project is gone"));
    }

    private static TargetDialect dialect(ResolvedConnection target) {
        return target.connector()
                .target()
                .orElseThrow(() -> new ProjectRejectedException(
                        Reason.INVALID, "The connector of " + target.info().name() + " is no longer a target"));
    }

    /** Tables without a primary key take the key columns users chose for them. */
    private static List<TableDescription> withChosenKeys(
            List<TableDescription> tables, Map<String, List<String>> keyColumns) {
        return tables.stream()
                .map(table -> {
                    List<String> chosen = keyColumns.get(table.schema() + "." + table.name());
                    return chosen == null || !table.primaryKey().isEmpty()
                            ? table
                            : new TableDescription(
                                    table.schema(),
                                    table.name(),
                                    table.partitioned(),
                                    table.columns(),
                                    chosen,
                                    table.estimatedRows());
                })
                .toList();
    }

    /** Replication slot names allow lowercase letters, digits and underscores, up to 63. */
    static String captureName(String taskId) {
        return "millrace_" + taskId.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private TaskInfo task(String projectId, String taskId) {
        return projects.task(projectId, taskId)
                .orElseThrow(() -> new ProjectRejectedException(
                        Reason.NOT_FOUND, "No task has the id '" + taskId + "' in project '" + projectId + "'"));
    }

    private static TaskStatus idle(String taskId) {
        return new TaskStatus(
                taskId,
                TaskState.STOPPED,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                List.of());
    }

    private static void join(Thread thread) {
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
