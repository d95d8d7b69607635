package io.millrace.metrics.internal;

import io.millrace.engine.TableStatus;
import io.millrace.engine.TaskEngine;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import io.millrace.project.ProjectInfo;
import io.millrace.project.Projects;
import io.millrace.project.TaskInfo;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every task of every project, as the task engine reports it at scrape time: state, errors,
 * latency, and per table rows loaded, changes landed and applied, pending changes and lag. Tasks
 * are labelled by project and task name (unique within their scope), type, and schema and table.
 */
final class TaskMetrics implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final Supplier<Optional<Projects>> projects;
    private final Supplier<Optional<TaskEngine>> engine;

    TaskMetrics(Supplier<Optional<Projects>> projects, Supplier<Optional<TaskEngine>> engine) {
        this.projects = projects;
        this.engine = engine;
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        Optional<Projects> projectService = projects.get();
        Optional<TaskEngine> engineService = engine.get();
        if (projectService.isPresent() && engineService.isPresent()) {
            for (ProjectInfo project : projectService.get().projects()) {
                for (TaskInfo task : tasks(projectService.get(), project)) {
                    status(engineService.get(), task).ifPresent(status -> families.add(project.name(), task, status));
                }
            }
        }
        return families.snapshots();
    }

    private static List<TaskInfo> tasks(Projects projects, ProjectInfo project) {
        try {
            return projects.tasks(project.id());
        } catch (RuntimeException e) {
            // Deleted between listing projects and their tasks.
            LOG.debug("No tasks of project {} for metrics", project.name(), e);
            return List.of();
        }
    }

    private static Optional<TaskStatus> status(TaskEngine engine, TaskInfo task) {
        try {
            return Optional.of(engine.status(task.projectId(), task.id()));
        } catch (RuntimeException e) {
            LOG.debug("No status of task {} for metrics", task.name(), e);
            return Optional.empty();
        }
    }

    /** The metric families of one scrape, filled task by task. */
    private static final class Families {
        private final Map<String, Family> families = new LinkedHashMap<>();

        void add(String project, TaskInfo task, TaskStatus status) {
            Labels labels = Labels.of("project", project, "task", task.name(), "type", task.type());
            for (TaskState state : TaskState.values()) {
                gauge("millrace_task_state", "Where the task is in its life: 1 for its state, 0 for the others", null)
                        .add(labels.add("state", state.label()), state == status.state() ? 1 : 0);
            }
            gauge(
                            "millrace_task_error",
                            "1 while an error stops or delays the task (the task's status says which), else 0",
                            null)
                    .add(labels, status.lastError().isPresent() ? 1 : 0);
            if (TaskInfo.STORAGE.equals(task.type())) {
                for (TableStatus table : status.tables()) {
                    Labels tableLabels = labels.add("schema", table.schema()).add("table", table.table());
                    counter("millrace_table_changes_applied", "Changes applied since the task started")
                            .add(tableLabels, table.changesApplied());
                    table.pendingChanges()
                            .ifPresent(pending -> gauge(
                                            "millrace_table_pending_changes",
                                            "Landed changes not yet applied, as of the last apply",
                                            null)
                                    .add(tableLabels, pending));
                    table.lagMillis()
                            .ifPresent(lag -> gauge(
                                            "millrace_table_lag_seconds",
                                            "How long the oldest change not yet applied has waited since its source"
                                                    + " commit, as of the last apply",
                                            Unit.SECONDS)
                                    .add(tableLabels, lag / 1000.0));
                    table.lastApplyAt()
                            .ifPresent(at -> gauge(
                                            "millrace_table_last_apply_timestamp_seconds",
                                            "When changes were last applied to the table",
                                            Unit.SECONDS)
                                    .add(tableLabels, at.toEpochMilli() / 1000.0));
                }
                return;
            }
            counter("millrace_task_changes_landed", "Changes landed since the task started")
                    .add(labels, status.changesLanded());
            if (task.landsIncrements()) {
                gauge(
                                "millrace_task_failed_runs",
                                "Incremental runs that failed in a row and are retried; 0 once a run succeeds",
                                null)
                        .add(labels, status.failedRuns());
            }
            status.latencyMillis()
                    .ifPresent(latency -> gauge(
                                    "millrace_task_latency_seconds",
                                    "From source commit to landing, of the transaction that waited longest in the"
                                            + " last landed batch",
                                    Unit.SECONDS)
                            .add(labels, latency / 1000.0));
            for (TableStatus table : status.tables()) {
                Labels tableLabels = labels.add("schema", table.schema()).add("table", table.table());
                gauge("millrace_table_rows_loaded", "Rows written by the table's full load so far", null)
                        .add(tableLabels, table.rowsLoaded());
                table.estimatedRows()
                        .ifPresent(rows -> gauge(
                                        "millrace_table_estimated_rows",
                                        "The source's estimate of the table's rows",
                                        null)
                                .add(tableLabels, rows));
                gauge("millrace_table_ranges_loaded", "Key ranges of the full load loaded so far", null)
                        .add(tableLabels, table.rangesLoaded());
                gauge("millrace_table_ranges", "Key ranges the full load reads", null)
                        .add(tableLabels, table.ranges());
                counter("millrace_table_changes_landed", "Changes landed in the table's changes since the task started")
                        .add(tableLabels, table.changesLanded());
            }
        }

        private Family gauge(String name, String help, Unit unit) {
            return families.computeIfAbsent(name, key -> new Family(name, help, unit, false));
        }

        private Family counter(String name, String help) {
            return families.computeIfAbsent(name, key -> new Family(name, help, null, true));
        }

        MetricSnapshots snapshots() {
            return new MetricSnapshots(
                    families.values().stream().map(Family::snapshot).toList());
        }
    }

    private record Point(Labels labels, double value) {}

    private record Family(String name, String help, Unit unit, boolean counter, List<Point> points) {
        Family(String name, String help, Unit unit, boolean counter) {
            this(name, help, unit, counter, new ArrayList<>());
        }

        void add(Labels labels, double value) {
            points.add(new Point(labels, value));
        }

        MetricSnapshot snapshot() {
            if (counter) {
                CounterSnapshot.Builder builder =
                        CounterSnapshot.builder().name(name).help(help);
                points.forEach(point -> builder.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(point.labels())
                        .value(point.value())
                        .build()));
                return builder.build();
            }
            GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
            if (unit != null) {
                builder.unit(unit);
            }
            points.forEach(point -> builder.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(point.labels())
                    .value(point.value())
                    .build()));
            return builder.build();
        }
    }
}
