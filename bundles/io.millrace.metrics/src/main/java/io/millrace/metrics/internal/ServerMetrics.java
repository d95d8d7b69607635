package io.millrace.metrics.internal;

import io.millrace.engine.TaskEngine;
import io.millrace.project.Projects;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The server's metrics: the JVM's, HTTP requests as the {@link HttpMetricsFilter} records them, and
 * every task's progress, read from the task engine when scraped. Projects and the engine may come
 * and go while the server runs; without them a scrape has no task metrics but still answers.
 */
@Component(service = ServerMetrics.class)
public final class ServerMetrics {
    /** Request durations from 5 ms to 30 s: REST calls are short, catalog reads and tests of sources are not. */
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Projects projects;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskEngine taskEngine;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram requests;

    @Activate
    public ServerMetrics() {
        JvmMetrics.builder().register(registry);
        GaugeWithCallback.builder()
                .name("process_uptime_seconds")
                .help("How long the server has been running")
                .unit(Unit.SECONDS)
                .callback(callback ->
                        callback.call(ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0))
                .register(registry);
        requests = Histogram.builder()
                .name("http_server_request_duration_seconds")
                .help("HTTP requests by method, route template and status, and how long they took")
                .unit(Unit.SECONDS)
                .labelNames("method", "route", "status")
                .classicOnly()
                .classicUpperBounds(DURATION_BUCKETS)
                .register(registry);
        registry.register(new TaskMetrics(() -> Optional.ofNullable(projects), () -> Optional.ofNullable(taskEngine)));
    }

    /** Records one answered HTTP request. */
    void recordRequest(String method, String route, int status, long nanos) {
        requests.labelValues(method, route, String.valueOf(status)).observe(nanos / 1e9);
    }

    String contentType() {
        return writer.getContentType();
    }

    /** Writes every metric, as they are now, in the Prometheus text format. */
    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }
}
