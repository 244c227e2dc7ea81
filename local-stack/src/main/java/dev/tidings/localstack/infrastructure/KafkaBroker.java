package dev.tidings.localstack.infrastructure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.utils.Exit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One embedded Kafka broker in KRaft mode, in this JVM. Topics are created on first use by the
 * services (auto-create), with two partitions each so per-key ordering is actually exercised.
 */
public final class KafkaBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private final List<Runnable> cleanups;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker, List<Runnable> cleanups) {
        this.broker = broker;
        this.cleanups = cleanups;
    }

    /** Starts the broker on {@code port}, or on a free port when {@code port} is 0. */
    public static KafkaBroker start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2).kafkaPorts(port);
        if (port != 0) {
            // The KRaft broker ignores kafkaPorts (spring-kafka issue 2916); Kafka's test kit keeps
            // a "listeners" setting it is given, and still picks the controller's port itself.
            broker.brokerProperty("listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0");
        }
        // Kafka's test kit deletes its data directories in JVM shutdown hooks, which run at the same
        // time as ours and pull the files from under a broker that is still stopping. Keep those
        // deletions and run them once the broker is down.
        List<Runnable> cleanups = new CopyOnWriteArrayList<>();
        Exit.setShutdownHookAdder((name, hook) -> cleanups.add(hook));
        broker.afterPropertiesSet();
        return new KafkaBroker(broker, cleanups);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
        cleanups.forEach(Runnable::run);
        Exit.resetShutdownHookAdder();
    }
}
