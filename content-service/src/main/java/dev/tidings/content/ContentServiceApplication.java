package dev.tidings.content;

import dev.tidings.events.health.KafkaReadiness;
import dev.tidings.events.tracing.TraceParents;
import dev.tidings.security.ServiceSecurityConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The editorial service: topics and articles over HTTP, stored in PostgreSQL, and every change
 * other services must see relayed to Kafka through a transactional outbox.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({ServiceSecurityConfiguration.class, KafkaReadiness.class, TraceParents.class})
public class ContentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContentServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
