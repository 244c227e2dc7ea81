package dev.tidings.localstack;

import dev.tidings.localstack.mail.MailCatcher;
import dev.tidings.localstack.mail.Mailbox;
import dev.tidings.localstack.stack.LocalStack;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Runs the whole Tidings system on one machine: {@code java -jar local-stack/target/local-stack.jar}
 * from the repository root, after {@code ./mvnw -B -q install -DskipTests}.
 *
 * <p>This JVM hosts Kafka, PostgreSQL (a child process) and the SMTP catcher with its web page;
 * the three services run as child processes. Its own configuration file is
 * {@code local-stack.yml}, so that no {@code application.yml} of a service on the class path
 * could be picked up by mistake.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalStackApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(LocalStackApplication.class)
                .properties("spring.config.name=local-stack")
                .run(args);
    }

    /** Stopped by Spring's shutdown hook on Ctrl-C: services, then SMTP, PostgreSQL and Kafka. */
    @Bean(destroyMethod = "close")
    LocalStack localStack(LocalStackProperties properties) {
        return new LocalStack(properties.toSettings());
    }

    @Bean
    Mailbox mailbox(LocalStack stack) {
        return () -> stack.mail().map(MailCatcher::messages).orElse(List.of());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
