package io.millrace.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.scheduler.Schedule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronSchedulesTest {
    private final CronSchedules schedules = new CronSchedules();
    private final Instant monday = Instant.parse("2026-11-23T09:07:30Z");

    @Test
    void intervalsCountFromTheTimeAskedAbout() {
        assertThat(schedules.parse("every 90s").next(monday)).hasValue(monday.plusSeconds(90));
        assertThat(schedules.parse("Every 5m").next(monday)).hasValue(monday.plusSeconds(300));
        assertThat(schedules.parse("every 2h").text()).isEqualTo("every 2h");
    }

    @Test
    void cronExpressionsGiveTheNextMatchingMinuteInUtc() {
        Schedule nightly = schedules.parse("0 2 * * *");
        Schedule workdays = schedules.parse("*/15 8-18 * * 1-5");

        assertThat(nightly.next(monday)).hasValue(Instant.parse("2026-11-24T02:00:00Z"));
        assertThat(workdays.next(monday)).hasValue(Instant.parse("2026-11-23T09:15:00Z"));
        assertThat(workdays.next(Instant.parse("2026-11-27T18:50:00Z")))
                .hasValue(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void whatIsNeitherIsRefusedSayingWhatASchedulesIs() {
        assertThatThrownBy(() -> schedules.parse("every now and then"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five fields");
        assertThatThrownBy(() -> schedules.parse("61 * * * *")).hasMessageContaining("cron expression");
        assertThatThrownBy(() -> schedules.parse("every 0s")).hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> schedules.parse(" ")).hasMessageContaining("every 30s");
    }
}
