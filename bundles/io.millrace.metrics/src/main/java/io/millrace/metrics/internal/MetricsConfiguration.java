package io.millrace.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of {@code GET /metrics}; override them in {@code etc/io.millrace.metrics.cfg}. */
@ObjectClassDefinition(
        id = MetricsConfiguration.PID,
        name = "Millrace metrics",
        description = "The Prometheus endpoint GET /metrics")
public @interface MetricsConfiguration {
    String PID = "io.millrace.metrics";

    @AttributeDefinition(
            name = "Authenticated",
            description = "Whether a scrape must send 'Authorization: Bearer <API key>' of a user allowed to"
                    + " view the system. Off by default, so that Prometheus can scrape the server on its"
                    + " default bind address 127.0.0.1; turn it on when the server listens on other"
                    + " addresses.")
    boolean authenticated() default false;
}
