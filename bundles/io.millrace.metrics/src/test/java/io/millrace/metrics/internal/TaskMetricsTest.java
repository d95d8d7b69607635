package io.millrace.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.engine.TableStatus;
import io.millrace.engine.TaskEngine;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import io.millrace.project.ProjectInfo;
import io.millrace.project.ProjectRejectedException;
import io.millrace.project.Projects;
import io.millrace.project.StorageSettings;
import io.millrace.project.TaskInfo;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TaskMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void everyTaskOfEveryProjectIsReportedWithItsTables() throws Exception {
        ProjectInfo shop = new ProjectInfo("p1", "shop", "replication", "c1", NOW, NOW);
        TaskInfo landing = task("t1", "land \"shop\"", TaskInfo.LANDING, TaskInfo.FULL_LOAD_AND_CDC);
        TaskInfo storage = task("t2", "store", TaskInfo.STORAGE, null);
        TaskInfo gone = task("t3", "deleted meanwhile", TaskInfo.LANDING, TaskInfo.FULL_LOAD_AND_CDC);
        TaskInfo daily = task("t4", "land daily", TaskInfo.LANDING, TaskInfo.INCREMENTAL);
        Map<String, TaskStatus> statuses = Map.of(
                "t1",
                new TaskStatus(
                        "t1",
                        TaskState.CDC,
                        Optional.of("millrace_x"),
                        Optional.of("0/1"),
                        OptionalLong.of(1500),
                        7,
                        Optional.of(NOW),
                        Optional.of("source down"),
                        List.of(table("public", "customers", 500, 0, 0, OptionalLong.empty()))),
                "t2",
                new TaskStatus(
                        "t2",
                        TaskState.RUNNING,
                        Optional.empty(),
                        Optional.empty(),
                        OptionalLong.empty(),
                        0,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(table("public", "customers", 0, 0, 4, OptionalLong.of(2000)))),
                "t4",
                new TaskStatus(
                        "t4",
                        TaskState.INCREMENTAL,
                        Optional.empty(),
                        Optional.empty(),
                        OptionalLong.empty(),
                        0,
                        Optional.empty(),
                        Optional.of("source down"),
                        List.of(),
                        Optional.empty(),
                        Optional.of(NOW),
                        2));

        String text = scrape(new TaskMetrics(
                () -> Optional.of(projects(List.of(shop), List.of(landing, storage, gone, daily))),
                () -> Optional.of(engine(statuses))));

        String land = "project=\"shop\",task=\"land \\\"shop\\\"\",type=\"landing\"";
        String landWith = "project=\"shop\",schema=\"public\",table=\"customers\",task=\"land \\\"shop\\\"\","
                + "type=\"landing\"";
        assertThat(text)
                .contains(
                        "millrace_task_state{project=\"shop\",state=\"cdc\",task=\"land \\\"shop\\\"\",type=\"landing\"} 1.0")
                .contains("millrace_task_state{project=\"shop\",state=\"full-load\",task=\"land \\\"shop\\\"\","
                        + "type=\"landing\"} 0.0")
                .contains("millrace_task_error{" + land + "} 1.0")
                .contains("millrace_task_changes_landed_total{" + land + "} 7.0")
                .contains("millrace_task_latency_seconds{" + land + "} 1.5")
                .contains("millrace_table_rows_loaded{" + landWith + "} 500.0")
                .contains("millrace_table_changes_applied_total{project=\"shop\",schema=\"public\","
                        + "table=\"customers\",task=\"store\",type=\"storage\"} 4.0")
                .contains("millrace_table_pending_changes{project=\"shop\",schema=\"public\",table=\"customers\","
                        + "task=\"store\",type=\"storage\"} 3.0")
                .contains("millrace_table_lag_seconds{project=\"shop\",schema=\"public\",table=\"customers\","
                        + "task=\"store\",type=\"storage\"} 2.0")
                .contains("millrace_task_error{project=\"shop\",task=\"store\",type=\"storage\"} 0.0")
                .contains("millrace_task_failed_runs{project=\"shop\",task=\"land daily\",type=\"landing\"} 2.0")
                .doesNotContain("millrace_task_failed_runs{" + land)
                .doesNotContain("deleted meanwhile");
    }

    @Test
    void withoutProjectsOrEngineTheScrapeHasNoTaskMetrics() throws Exception {
        assertThat(scrape(new TaskMetrics(Optional::empty, Optional::empty))).isEmpty();
    }

    private static String scrape(TaskMetrics metrics) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(metrics);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static TaskInfo task(String id, String name, String type, String mode) {
        return new TaskInfo(
                id, "p1", name, type, "c2", null, mode, TaskInfo.RUNNING, Optional.<StorageSettings>empty(), NOW, NOW);
    }

    private static TableStatus table(
            String schema, String table, long rowsLoaded, long changesLanded, long changesApplied, OptionalLong lag) {
        return new TableStatus(
                schema,
                table,
                rowsLoaded,
                OptionalLong.of(rowsLoaded),
                1,
                1,
                changesLanded,
                Optional.empty(),
                Optional.of(NOW),
                changesApplied,
                lag.isPresent() ? OptionalLong.of(3) : OptionalLong.empty(),
                lag);
    }

    private static Projects projects(List<ProjectInfo> projects, List<TaskInfo> tasks) {
        return (Projects) Proxy.newProxyInstance(
                Projects.class.getClassLoader(), new Class<?>[] {Projects.class}, (proxy, method, args) -> {
                    return switch (method.getName()) {
                        case "projects" -> projects;
                        case "tasks" -> tasks;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static TaskEngine engine(Map<String, TaskStatus> statuses) {
        return (TaskEngine) Proxy.newProxyInstance(
                TaskEngine.class.getClassLoader(), new Class<?>[] {TaskEngine.class}, (proxy, method, args) -> {
                    if (method.getName().equals("status")) {
                        TaskStatus status = statuses.get((String) args[1]);
                        if (status == null) {
                            throw new ProjectRejectedException(
                                    ProjectRejectedException.Reason.NOT_FOUND, "no task " + args[1]);
                        }
                        return status;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
