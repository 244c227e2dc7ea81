package dev.tidings.localstack.outage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A real single-node KRaft broker in a child process, which a test can stop and start again on
 * the same port with the same log directory, as an operator restarts a broker. (The local stack's
 * embedded broker lives in its own JVM and cannot come back after a stop.)
 */
final class StoppableKafka implements AutoCloseable {

    private final Path directory;

    private final int port;

    private Process process;

    private StoppableKafka(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Formats a fresh log directory under {@code directory} and starts the broker. */
    static StoppableKafka start(Path directory) {
        try {
            Files.createDirectories(directory);
            StoppableKafka kafka = new StoppableKafka(directory.toAbsolutePath(), freePort());
            Properties config = new Properties();
            int controllerPort = freePort();
            config.put("process.roles", "broker,controller");
            config.put("node.id", "1");
            config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            config.put("listeners", "PLAINTEXT://localhost:" + kafka.port + ",CONTROLLER://localhost:" + controllerPort);
            config.put("advertised.listeners", "PLAINTEXT://localhost:" + kafka.port);
            config.put("controller.listener.names", "CONTROLLER");
            config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            config.put("log.dirs", kafka.directory.resolve("logs").toString());
            config.put("offsets.topic.replication.factor", "1");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("group.initial.rebalance.delay.ms", "0");
            try (var out = Files.newOutputStream(kafka.config())) {
                config.store(out, "stoppable test broker");
            }
            kafka.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", kafka.config().toString()), "format.log")
                    .waitFor(60, TimeUnit.SECONDS);
            kafka.startAgain();
            return kafka;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts the broker (again) and waits until it answers. */
    void startAgain() {
        process = run(List.of("kafka.Kafka", config().toString()), "broker.log");
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    try (Admin client = Admin.create(admin)) {
                        return !client.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
                    }
                });
    }

    /** Stops the broker as an operator does (SIGTERM, a clean shutdown), and waits until it is gone. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private Path config() {
        return directory.resolve("server.properties");
    }

    private Process run(List<String> mainAndArguments, String log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArguments);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(log).toFile())).start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
