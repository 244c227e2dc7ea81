package dev.tidings.localstack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child process, its output (stdout and stderr) written to
 * {@code <work directory>/logs/<name>.log}.
 *
 * <p>The process runs an extracted copy of the jar with a class data sharing archive
 * ({@link ExtractedApp}, under {@code <work directory>/apps/}): it starts faster, and rebuilding the
 * service while it runs cannot break it (a JVM loads classes from its jar lazily).
 *
 * <p>Stopping sends SIGTERM first, so Spring's graceful shutdown can finish in-flight work and
 * commit Kafka offsets, and kills the process only if it is still alive after the grace period.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE_PERIOD = Duration.ofSeconds(20);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final ServiceLaunch launch;

    private final Process process;

    private final Path log;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(ServiceLaunch launch, Process process, Path log) {
        this.launch = launch;
        this.process = process;
        this.log = log;
    }

    /** Starts the process and returns at once; see {@link #awaitReady(Duration)}. */
    public static ServiceProcess start(ServiceLaunch launch, Path workDirectory) {
        if (!Files.isRegularFile(launch.jar())) {
            throw new ServiceStartException(launch.name() + ": no jar at " + launch.jar()
                    + "; build the services first: ./mvnw -B -q install -DskipTests");
        }
        try {
            ExtractedApp app = ExtractedApp.of(launch.jar(), workDirectory.resolve("apps"));
            Path log = Files.createDirectories(workDirectory.resolve("logs")).resolve(launch.name() + ".log")
                    .toAbsolutePath();
            Process process = new ProcessBuilder(launch.command(app))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ServiceProcess(launch, process, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start " + launch.name(), ex);
        }
    }

    public String name() {
        return launch.name();
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + launch.port());
    }

    public Path log() {
        return log;
    }

    /**
     * Waits until {@code GET /actuator/health/readiness} answers 200.
     *
     * @throws ServiceStartException if the process exits first or {@code timeout} passes
     */
    public void awaitReady(Duration timeout) {
        HttpRequest readiness = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ServiceStartException(name() + " exited with code " + process.exitValue()
                        + " before it was ready; its log: " + log + lastLines());
            }
            if (answersReady(readiness)) {
                return;
            }
            pause();
        }
        throw new ServiceStartException(name() + " was not ready after " + timeout.toSeconds()
                + " s; its log: " + log + lastLines());
    }

    private boolean answersReady(HttpRequest readiness) {
        try {
            return http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException ex) {
            // Not listening yet: the normal case while Spring starts.
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while waiting for " + name());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while waiting for the services");
        }
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        }
        catch (IOException | UncheckedIOException ex) {
            return "";
        }
    }

    /** Ends the process at once, as {@code kill -9} does: no shutdown hook, no graceful stop. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the process to stop (SIGTERM) without waiting. */
    void requestStop() {
        process.destroy();
    }

    /** Waits up to the grace period for the process to end, then kills it. */
    void awaitStopOrKill() {
        try {
            if (!process.waitFor(STOP_GRACE_PERIOD.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        requestStop();
        awaitStopOrKill();
    }
}
