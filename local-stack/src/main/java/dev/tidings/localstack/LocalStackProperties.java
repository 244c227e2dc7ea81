package dev.tidings.localstack;

import dev.tidings.localstack.stack.StackSettings;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the local stack, prefix {@code tidings.local-stack}; any of them can be given on the
 * command line, e.g. {@code --tidings.local-stack.kafka-port=19092}. The mail catcher's page is on
 * {@code server.port} (8025).
 *
 * @param kafkaBootstrapServers a Kafka to use instead of starting the embedded broker
 * @param startServices false to run only Kafka, PostgreSQL and SMTP (then no demo content either)
 * @param instances processes of each service (1 to 4); instance k listens on the service's port + 100·k
 *     and all share its consumer group, so Kafka spreads the partitions over them
 * @param loadDemo false to start with empty feeds
 * @param repositoryRoot where {@code <service>/target/<service>.jar} are; found automatically if unset
 * @param workDirectory where each service's output goes ({@code logs/<service>.log}) and the copies of
 *     the jars it runs ({@code jars/}), so that rebuilding a service does not break the running one
 * @param jvmOptions options for each service's JVM (tiered compilation stops early: faster start on two
 *     cores; the serial collector: fewer threads and less memory for small heaps)
 * @param adminKey the API key the demo publisher uses: the admin's key of the services' {@code local}
 *     profile ({@code application-local.yml}), which the services refuse outside that profile
 * @param demoReader the address the demo subscribes to every topic; its newsletters show in the mail catcher
 * @param traceExportEndpoint where the services send their spans over OTLP/HTTP, for example
 *     {@code http://localhost:4318/v1/traces} (Jaeger, Tempo, an OpenTelemetry Collector); unset, they export
 *     none and only write the trace ids in their logs (ADR 0024)
 */
@ConfigurationProperties("tidings.local-stack")
@Validated
public record LocalStackProperties(
        @DefaultValue("9092") @Min(0) @Max(65535) int kafkaPort,
        @DefaultValue("54320") @Min(0) @Max(65535) int postgresPort,
        @DefaultValue("3025") @Min(0) @Max(65535) int smtpPort,
        @DefaultValue("8081") @Min(0) @Max(65535) int contentPort,
        @DefaultValue("8082") @Min(0) @Max(65535) int feedPort,
        @DefaultValue("8083") @Min(0) @Max(65535) int notifierPort,
        String kafkaBootstrapServers,
        @DefaultValue("true") boolean startServices,
        @DefaultValue("1") @Min(1) @Max(4) int instances,
        @DefaultValue("true") boolean loadDemo,
        Path repositoryRoot,
        @DefaultValue(".local-stack") @NotNull Path workDirectory,
        @DefaultValue("180s") @NotNull Duration serviceStartTimeout,
        @DefaultValue({"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx384m"}) List<String> jvmOptions,
        @DefaultValue("local-admin-key") @NotBlank String adminKey,
        @DefaultValue("reader@example.com") @NotBlank @Email String demoReader,
        URI traceExportEndpoint) {

    StackSettings toSettings() {
        return new StackSettings(kafkaPort, postgresPort, smtpPort, contentPort, feedPort, notifierPort,
                startServices, instances, Optional.ofNullable(repositoryRoot), workDirectory, serviceStartTimeout,
                jvmOptions, Optional.ofNullable(kafkaBootstrapServers).filter(servers -> !servers.isBlank()),
                Optional.ofNullable(traceExportEndpoint));
    }
}
