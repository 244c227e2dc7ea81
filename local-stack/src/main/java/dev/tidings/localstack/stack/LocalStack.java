package dev.tidings.localstack.stack;

import dev.tidings.localstack.infrastructure.KafkaBroker;
import dev.tidings.localstack.infrastructure.PostgresServer;
import dev.tidings.localstack.mail.MailCatcher;
import dev.tidings.localstack.services.RepositoryLayout;
import dev.tidings.localstack.services.RunningServices;
import dev.tidings.localstack.services.ServiceLaunch;
import dev.tidings.localstack.services.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine: an embedded Kafka broker, an embedded PostgreSQL server with the
 * three service databases, an SMTP server that catches all mail, and the three services as child
 * processes from their jars.
 *
 * <p>{@link #close()} stops everything in reverse order of start (services, SMTP, PostgreSQL,
 * Kafka), also when called from a shutdown hook while {@link #start()} is still running.
 */
public final class LocalStack implements AutoCloseable {

    public static final String CONTENT_SERVICE = "content-service";

    public static final String FEED_SERVICE = "feed-service";

    public static final String NOTIFIER_SERVICE = "notifier-service";

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final StackSettings settings;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private boolean closed;


    private volatile PostgresServer postgres;

    private volatile MailCatcher mail;

    private volatile RunningServices running;

    private volatile Endpoints endpoints;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    /** Starts every part and waits until the services are ready; stops what started if one fails. */
    public void start() {
        try {
            log.info("Starting Kafka (KRaft), PostgreSQL and SMTP ...");
            // Side by side: each waits mostly on its own disk and sockets, and the services need all three.
            CompletableFuture<String> kafkaStarted = settings.externalKafka()
                    .map(CompletableFuture::completedFuture)
                    .orElseGet(() -> CompletableFuture.supplyAsync(
                            () -> register(() -> KafkaBroker.start(settings.kafkaPort())).bootstrapServers()));
            CompletableFuture<PostgresServer> postgresStarted = CompletableFuture.supplyAsync(
                    () -> register(() -> PostgresServer.start(settings.postgresPort(),
                            List.of("content", "feed", "notifier"))));
            CompletableFuture<MailCatcher> mailStarted = CompletableFuture.supplyAsync(
                    () -> register(() -> MailCatcher.start(settings.smtpPort())));
            String kafka = started(kafkaStarted);
            postgres = started(postgresStarted);
            mail = started(mailStarted);
            log.info("Kafka on {}, PostgreSQL on localhost:{} (databases content, feed, notifier), SMTP catcher"
                    + " on localhost:{}", kafka, postgres.port(), mail.smtpPort());
            endpoints = new Endpoints(kafka, postgres.port(), mail.smtpPort(),
                    ports(settings.contentPort()), ports(settings.feedPort()), ports(settings.notifierPort()));
            if (settings.startServices()) {
                startServices();
            }
        }
        catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    private void startServices() {
        RepositoryLayout layout = RepositoryLayout.locate(settings.repositoryRoot());
        List<ServiceLaunch> launches = new ArrayList<>();
        for (int instance = 0; instance < settings.instances(); instance++) {
            launches.add(launch(layout, CONTENT_SERVICE, instance, endpoints.contentPorts(), "content", List.of()));
            // Links in feeds and emails point at the first instance: in production all sit behind one address.
            launches.add(launch(layout, FEED_SERVICE, instance, endpoints.feedPorts(), "feed", List.of(
                    "--tidings.feed.public-url=" + endpoints.feedUrl())));
            launches.add(launch(layout, NOTIFIER_SERVICE, instance, endpoints.notifierPorts(), "notifier", List.of(
                    "--tidings.notifier.public-url=" + endpoints.notifierUrl(),
                    "--spring.mail.host=localhost",
                    "--spring.mail.port=" + endpoints.smtpPort())));
        }
        log.info("Starting {} from {}; their output goes to {}/<service>.log", launches.stream()
                .map(ServiceLaunch::name).toList(), layout.root(),
                settings.workDirectory().resolve("logs").toAbsolutePath());
        running = register(RunningServices::new);
        running.start(launches, settings.workDirectory(), settings.serviceStartTimeout());
        running.processes().forEach(process -> log.info("{} ready at {} (log: {})", process.name(),
                process.baseUrl(), process.log()));
    }

    private ServiceLaunch launch(RepositoryLayout layout, String service, int instance, List<Integer> ports,
            String database, List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + PostgresServer.USER,
                "--spring.datasource.password=" + PostgresServer.PASSWORD,
                "--spring.cloud.stream.kafka.binder.brokers=" + endpoints.kafkaBootstrapServers(),
                "--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
                "--management.endpoint.health.probes.enabled=true",
                // The local profile holds the well-known local credentials, API keys and link keys; the
                // services refuse to start on them outside it.
                "--spring.profiles.active=local"));
        settings.traceExport().ifPresent(endpoint -> arguments.add(
                "--management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint));
        arguments.addAll(extra);
        String name = instance == 0 ? service : service + "-" + (instance + 1);
        return new ServiceLaunch(name, layout.jarOf(service), ports.get(instance), settings.jvmOptions(), arguments);
    }

    private static <T> T started(CompletableFuture<T> start) {
        try {
            return start.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    private <T extends AutoCloseable> T register(Supplier<T> starter) {
        synchronized (started) {
            if (closed) {
                throw new IllegalStateException("the stack is stopping");
            }
        }
        T part = starter.get();
        synchronized (started) {
            started.push(part);
            if (closed) {
                closeQuietly(part);
                throw new IllegalStateException("the stack is stopping");
            }
        }
        return part;
    }

    /** Host and port of every part; available once {@link #start()} got past the infrastructure. */
    public Endpoints endpoints() {
        if (endpoints == null) {
            throw new IllegalStateException("the stack has not started yet");
        }
        return endpoints;
    }

    /** The service processes, once they were started. */
    public List<ServiceProcess> services() {
        return running == null ? List.of() : running.processes();
    }

    /** The SMTP catcher, once it runs. */
    public Optional<MailCatcher> mail() {
        return Optional.ofNullable(mail);
    }

    @Override
    public void close() {
        Deque<AutoCloseable> toClose;
        synchronized (started) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayDeque<>(started);
            started.clear();
        }
        if (!toClose.isEmpty()) {
            log.info("Stopping the local stack ...");
        }
        toClose.forEach(LocalStack::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        }
        catch (Exception ex) {
            // Keep going: the remaining parts must still stop.
            log.warn("Could not stop {} cleanly: {}", part.getClass().getSimpleName(), ex.toString());
        }
    }

    /** The ports of the instances of a service whose first instance listens on {@code port}. */
    private List<Integer> ports(int port) {
        List<Integer> ports = new ArrayList<>();
        for (int instance = 0; instance < settings.instances(); instance++) {
            ports.add(port == 0 ? freePort() : port + 100 * instance);
        }
        return List.copyOf(ports);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("no free port", ex);
        }
    }

    /** Where each part of a started stack listens; the ports of a service's instances, first one first. */
    public record Endpoints(String kafkaBootstrapServers, int postgresPort, int smtpPort, List<Integer> contentPorts,
            List<Integer> feedPorts, List<Integer> notifierPorts) {

        public Endpoints {
            contentPorts = List.copyOf(contentPorts);
            feedPorts = List.copyOf(feedPorts);
            notifierPorts = List.copyOf(notifierPorts);
        }

        public int contentPort() {
            return contentPorts.get(0);
        }

        public int feedPort() {
            return feedPorts.get(0);
        }

        public int notifierPort() {
            return notifierPorts.get(0);
        }

        public URI contentUrl() {
            return url(contentPort());
        }

        public URI feedUrl() {
            return url(feedPort());
        }

        public URI notifierUrl() {
            return url(notifierPort());
        }

        /** Every feed-service instance, first one first. */
        public List<URI> feedUrls() {
            return feedPorts.stream().map(Endpoints::url).toList();
        }

        private static URI url(int port) {
            return URI.create("http://localhost:" + port);
        }
    }
}
