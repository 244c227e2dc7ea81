package dev.tidings.localstack.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ports and options of one stack. A port of 0 means "any free port" (what the end-to-end test
 * uses, so it never clashes with a stack a developer is running).
 *
 * @param startServices false to run only Kafka, PostgreSQL and SMTP (for working on a service in
 *     an IDE against the stack)
 * @param repositoryRoot where the service jars are built; empty to find it (see
 *     {@link dev.tidings.localstack.services.RepositoryLayout})
 * @param instances how many processes of each service run (1 to 4): instance {@code k} (from 0) of a
 *     service listens on its port + 100·k, or on a free port of its own when the port is 0
 * @param externalKafka the bootstrap servers of a Kafka to use instead of starting the embedded
 *     broker (a broker a test stops and starts, or a developer's own)
 * @param workDirectory where the services' logs ({@code logs/}) and the copies of their jars
 *     ({@code jars/}) go
 * @param traceExport the OTLP/HTTP traces endpoint the services send their spans to; empty for none
 */
public record StackSettings(
        int kafkaPort,
        int postgresPort,
        int smtpPort,
        int contentPort,
        int feedPort,
        int notifierPort,
        boolean startServices,
        int instances,
        Optional<Path> repositoryRoot,
        Path workDirectory,
        Duration serviceStartTimeout,
        List<String> jvmOptions,
        Optional<String> externalKafka,
        Optional<URI> traceExport) {

    public StackSettings {
        Objects.requireNonNull(repositoryRoot, "repositoryRoot must not be null");
        Objects.requireNonNull(externalKafka, "externalKafka must not be null");
        Objects.requireNonNull(traceExport, "traceExport must not be null");
        if (instances < 1 || instances > 4) {
            throw new IllegalArgumentException("instances must be 1 to 4, not " + instances);
        }
        Objects.requireNonNull(workDirectory, "workDirectory must not be null");
        Objects.requireNonNull(serviceStartTimeout, "serviceStartTimeout must not be null");
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** A stack whose services export no spans. */
    public StackSettings(int kafkaPort, int postgresPort, int smtpPort, int contentPort, int feedPort,
            int notifierPort, boolean startServices, int instances, Optional<Path> repositoryRoot, Path workDirectory,
            Duration serviceStartTimeout, List<String> jvmOptions, Optional<String> externalKafka) {
        this(kafkaPort, postgresPort, smtpPort, contentPort, feedPort, notifierPort, startServices, instances,
                repositoryRoot, workDirectory, serviceStartTimeout, jvmOptions, externalKafka, Optional.empty());
    }
}
