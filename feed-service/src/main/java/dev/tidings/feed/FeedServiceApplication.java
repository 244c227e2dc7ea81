package dev.tidings.feed;

import dev.tidings.events.health.KafkaReadiness;
import dev.tidings.security.ServiceSecurityConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The feed service: keeps a read model of published articles and topics, fed from Kafka, and serves
 * it as RSS 2.0 and Atom 1.0 feeds with conditional GET.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ServiceSecurityConfiguration.class, KafkaReadiness.class})
public class FeedServiceApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(FeedServiceApplication.class, args);
        // A rebuild from the log (ReadModelRebuild) is done once the context has started.
        if (context.getEnvironment().matchesProfiles("rebuild")) {
            System.exit(SpringApplication.exit(context));
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
