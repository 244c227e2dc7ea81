package dev.tidings.feed;

import dev.tidings.security.ServiceSecurityConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The feed service: keeps a read model of published articles and topics, fed from Kafka, and serves
 * it as RSS 2.0 and Atom 1.0 feeds with conditional GET.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ServiceSecurityConfiguration.class)
public class FeedServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FeedServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
