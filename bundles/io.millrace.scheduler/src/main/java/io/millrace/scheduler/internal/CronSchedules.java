package io.millrace.scheduler.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.millrace.scheduler.Schedule;
import io.millrace.scheduler.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/** Intervals, and five-field cron expressions in UTC read by cron-utils. */
@Component(service = Schedules.class)
public final class CronSchedules implements Schedules {
    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d{1,9})\\s*(s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Override
    public Schedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "A schedule is 'every 30s', 'every 5m', 'every 2h' or a cron expression");
        }
        String trimmed = text.trim();
        Matcher every = EVERY.matcher(trimmed);
        if (every.matches()) {
            long amount = Long.parseLong(every.group(1));
            Duration interval = switch (every.group(2).toLowerCase(Locale.ROOT)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            if (interval.isZero()) {
                throw new IllegalArgumentException("An interval is at least 1 second");
            }
            return new IntervalSchedule(interval, trimmed);
        }
        ExecutionTime times;
        try {
            times = ExecutionTime.forCron(UNIX.parse(trimmed));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not 'every N' (s, m, h or d) nor a cron expression"
                    + " of five fields (minute hour day-of-month month day-of-week): " + e.getMessage());
        }
        return new Schedule() {
            @Override
            public Optional<Instant> next(Instant after) {
                return times.nextExecution(after.atZone(ZoneOffset.UTC)).map(next -> next.toInstant());
            }

            @Override
            public String text() {
                return trimmed;
            }
        };
    }

    @Override
    public Schedule every(Duration interval) {
        return new IntervalSchedule(interval, "every " + interval.toSeconds() + "s");
    }

    /** A fixed interval. */
    private record IntervalSchedule(Duration interval, String text) implements Schedule {
        @Override
        public Optional<Instant> next(Instant after) {
            return Optional.of(after.plus(interval));
        }
    }
}
