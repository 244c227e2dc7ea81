package dev.tidings.notifier;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** The notifier's settings as unit tests need them: the defaults, in a chosen digest zone. */
public final class TestSettings {

    public static NotifierProperties notifier(ZoneId digestZone) {
        return new NotifierProperties("https://news.example", "Tidings <newsletter@health.example>",
                Duration.ofHours(48), 65536, 50, Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(30), 8,
                LocalTime.of(7, 0), DayOfWeek.MONDAY, digestZone, Duration.ofHours(1),
                List.of(new NotifierProperties.LinkKey("unit", "unit-test-link-key-0123456789abcdef")),
                new NotifierProperties.SubscribeLimits(20, Duration.ofMinutes(1), 5, Duration.ofHours(1)), 4,
                Duration.ofMinutes(5), new NotifierProperties.SendRateLimit(0, 0),
                new NotifierProperties.Dkim(false, null, null, null, null));
    }

    private TestSettings() {
    }
}
