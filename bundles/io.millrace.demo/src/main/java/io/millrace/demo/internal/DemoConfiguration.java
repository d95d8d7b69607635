package io.millrace.demo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "Millrace demo",
        description = "An embedded PostgreSQL with a small shop database that keeps changing, landed into H2")
public @interface DemoConfiguration {
    String PID = "io.millrace.demo";

    @AttributeDefinition(name = "Enabled", description = "Whether the demo runs")
    boolean enabled() default true;

    @AttributeDefinition(
            name = "Port",
            description = "The loopback port of the demo PostgreSQL",
            min = "1024",
            max = "65535")
    int port() default 54329;

    @AttributeDefinition(
            name = "Changes per second",
            description = "How busy the demo shop is",
            min = "0",
            max = "1000")
    int changesPerSecond() default 5;
}
