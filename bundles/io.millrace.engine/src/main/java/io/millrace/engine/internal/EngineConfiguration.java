package io.millrace.engine.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Millrace engine", description = "How data tasks load and land")
public @interface EngineConfiguration {
    String PID = "io.millrace.engine";

    @AttributeDefinition(
            name = "Parallel key ranges",
            description = "How many key ranges of a full load are read and written at the same time",
            min = "1",
            max = "64")
    int loadParallelism() default 4;

    @AttributeDefinition(
            name = "Rows per key range",
            description = "About how many rows one key range of a full load holds; a range is committed as a whole",
            min = "1000")
    long rowsPerRange() default 250_000;

    @AttributeDefinition(
            name = "Most WAL a capture may keep",
            description = "Megabytes of log the source may keep for a landing task's capture (a PostgreSQL"
                    + " replication slot) before the task drops it and stops, so that a task far behind cannot"
                    + " fill the source's disk; 0 for no limit",
            min = "0")
    long maxRetainedWalMegabytes() default 0;
}
