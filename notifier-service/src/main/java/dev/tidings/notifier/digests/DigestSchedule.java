package dev.tidings.notifier.digests;

import dev.tidings.notifier.NotifierProperties;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.springframework.stereotype.Component;

/** When the next daily or weekly digest goes out, in the configured zone. */
@Component
public class DigestSchedule {

    private final NotifierProperties properties;

    DigestSchedule(NotifierProperties properties) {
        this.properties = properties;
    }

    /** The first daily digest time after {@code now}. */
    public Instant nextDaily(Instant now) {
        ZonedDateTime local = now.atZone(properties.digestZone());
        ZonedDateTime today = local.with(properties.digestTime());
        return (today.isAfter(local) ? today : today.plusDays(1)).toInstant();
    }

    /** The first weekly digest time after {@code now}. */
    public Instant nextWeekly(Instant now) {
        ZonedDateTime local = now.atZone(properties.digestZone());
        ZonedDateTime candidate = local.with(TemporalAdjusters.nextOrSame(properties.digestDay()))
                .with(properties.digestTime());
        return (candidate.isAfter(local) ? candidate : candidate.plusWeeks(1)).toInstant();
    }
}
