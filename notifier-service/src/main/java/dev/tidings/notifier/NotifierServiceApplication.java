package dev.tidings.notifier;

import dev.tidings.events.consuming.ConsumerErrorPolicy;
import dev.tidings.events.health.KafkaReadiness;
import dev.tidings.events.tracing.TraceParents;
import dev.tidings.security.ServiceSecurityConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The newsletter service: double opt-in subscriptions per topic, and one email per confirmed
 * subscriber for every article published on a topic they follow.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
// One error policy for both consumer bindings, shared with feed-service (ADR 0022).
@Import({ServiceSecurityConfiguration.class, ConsumerErrorPolicy.class, KafkaReadiness.class,
        TraceParents.class})
public class NotifierServiceApplication {

    public static void main(String[] args) {
        // Jakarta Mail looks its stream provider up with a ServiceLoader scan of every jar for each
        // body part it writes (a tenth of a fan-out's CPU); named here, it is one class lookup.
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        ConfigurableApplicationContext context = SpringApplication.run(NotifierServiceApplication.class, args);
        // A rebuild of the article states from the log (ArticleStatesRebuild) is done once the context has started.
        if (context.getEnvironment().matchesProfiles("rebuild")) {
            System.exit(SpringApplication.exit(context));
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
