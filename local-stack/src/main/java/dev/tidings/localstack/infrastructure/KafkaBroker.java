package dev.tidings.localstack.infrastructure;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One embedded Kafka broker in KRaft mode, in this JVM. Topics are created by the
 * services: content-service provisions the event topics (six partitions by default, compacted).
 *
 * <p>The broker always listens on a port of its own choosing: the KRaft broker ignores
 * {@code kafkaPorts} (spring-kafka issue 2916). A fixed port is served by a {@link PortForwarder}
 * to it; clients bootstrap there and then talk to the broker's advertised address directly.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private final List<Runnable> cleanups;

    private final Optional<PortForwarder> fixedPort;

    private final String bootstrapServers;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker, List<Runnable> cleanups, Optional<PortForwarder> fixedPort,
            String bootstrapServers) {
        this.broker = broker;
        this.cleanups = cleanups;
        this.fixedPort = fixedPort;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker, reachable on {@code port}, or on a free port when {@code port} is 0. */
    public static KafkaBroker start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
        // Kafka's test kit deletes its data directories in JVM shutdown hooks, which run at the same
        // time as ours and pull the files from under a broker that is still stopping. Keep those
        // deletions and run them once the broker is down.
        List<Runnable> cleanups = new CopyOnWriteArrayList<>();
        Exit.setShutdownHookAdder((name, hook) -> cleanups.add(hook));
        broker.afterPropertiesSet();
        String actual = broker.getBrokersAsString();
        if (port == 0) {
            return new KafkaBroker(broker, cleanups, Optional.empty(), actual);
        }
        int actualPort = Integer.parseInt(actual.substring(actual.lastIndexOf(':') + 1));
        try {
            return new KafkaBroker(broker, cleanups, Optional.of(PortForwarder.start(port, actualPort)),
                    "localhost:" + port);
        }
        catch (RuntimeException ex) {
            broker.destroy();
            throw ex;
        }
    }

    /** Where clients bootstrap: the requested port, or the broker's own when none was requested. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        fixedPort.ifPresent(PortForwarder::close);
        broker.destroy();
        cleanups.forEach(Runnable::run);
        Exit.resetShutdownHookAdder();
    }
}
