package io.millrace.scheduler;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** Makes schedules. */
@ProviderType
public interface Schedules {
    /**
     * A schedule as users write it: {@code every N} with a unit ({@code every 30s}, {@code every 5m},
     * {@code every 2h}), or a five-field cron expression ({@code minute hour day-of-month month
     * day-of-week}, such as {@code 0 2 * * *} or {@code *}{@code /15 8-18 * * 1-5}) in UTC.
     *
     * @throws IllegalArgumentException when the text is neither, saying what is wrong
     */
    Schedule parse(String text);

    /** Every {@code interval}, counted from the time asked about. */
    Schedule every(Duration interval);
}
