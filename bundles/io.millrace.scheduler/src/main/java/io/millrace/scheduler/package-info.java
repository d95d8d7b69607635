/**
 * When tasks run: a {@link io.millrace.scheduler.Schedule} says the next time after another, from a
 * fixed interval or a cron expression, and {@link io.millrace.scheduler.Schedules} makes them from
 * what users write.
 */
@Version("0.1.0")
package io.millrace.scheduler;

import org.osgi.annotation.versioning.Version;
