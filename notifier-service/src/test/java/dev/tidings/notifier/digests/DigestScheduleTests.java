package dev.tidings.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.NotifierProperties;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestScheduleTests {

    private final DigestSchedule schedule = new DigestSchedule(new NotifierProperties("http://localhost:8083",
            "Tidings <newsletter@health.example>", Duration.ofHours(48), 65536, 50, Duration.ofSeconds(10),
            Duration.ZERO, Duration.ofSeconds(30), 8, LocalTime.of(7, 0), DayOfWeek.MONDAY,
            ZoneId.of("Europe/Berlin"), Duration.ofHours(1),
            List.of(new NotifierProperties.LinkKey("unit", "unit-test-link-key-0123456789abcdef")),
            new NotifierProperties.SubscribeLimits(20, Duration.ofMinutes(1), 5, Duration.ofHours(1))));

    @Test
    void theDailyDigestIsTheNextSevenOClockInTheConfiguredZone() {
        // 2026-11-26 is a Thursday; 07:00 in Berlin is 06:00 UTC in winter.
        assertThat(schedule.nextDaily(Instant.parse("2026-11-26T05:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-26T06:00:00Z"));
        assertThat(schedule.nextDaily(Instant.parse("2026-11-26T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-27T06:00:00Z"));
    }

    @Test
    void theWeeklyDigestIsTheNextMondayMorning() {
        assertThat(schedule.nextWeekly(Instant.parse("2026-11-26T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(schedule.nextWeekly(Instant.parse("2026-11-30T05:59:00Z")))
                .isEqualTo(Instant.parse("2026-11-30T06:00:00Z"));
        assertThat(schedule.nextWeekly(Instant.parse("2026-11-30T06:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
    }
}
