package dev.tidings.notifier.digests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.TestSettings;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DigestScheduleTests {

    private final DigestSchedule schedule = new DigestSchedule(TestSettings.notifier(ZoneId.of("Europe/Berlin")));

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
