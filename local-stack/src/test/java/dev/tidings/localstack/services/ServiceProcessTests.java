package dev.tidings.localstack.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTests {

    @TempDir
    Path directory;

    @Test
    void refusesToStartWithoutAJarAndSaysHowToBuildIt() {
        ServiceLaunch launch = new ServiceLaunch("feed-service", directory.resolve("feed-service.jar"), 18082,
                List.of(), List.of());

        assertThatThrownBy(() -> ServiceProcess.start(launch, directory.resolve("work")))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("feed-service.jar")
                .hasMessageContaining("./mvnw -B -q install -DskipTests");
    }

    @Test
    void failsClearlyWhenTheJarIsBroken() throws IOException {
        Path notAJar = Files.writeString(directory.resolve("content-service.jar"), "not a jar");
        ServiceLaunch launch = new ServiceLaunch("content-service", notAJar, 18081, List.of(), List.of());

        assertThatThrownBy(() -> ServiceProcess.start(launch, directory.resolve("work")))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("could not extract " + notAJar)
                .hasMessageContaining("Invalid or corrupt jarfile");
        assertThat(directory.resolve("work/apps")).isEmptyDirectory();
    }

    @Test
    void failsClearlyWithTheLogWhenTheServiceExits() throws IOException {
        ServiceLaunch launch = new ServiceLaunch("content-service", RepositoryLayout.locate(Optional.empty())
                .jarOf("content-service"), 18081, List.of("-Xmx1m"), List.of());

        try (ServiceProcess process = ServiceProcess.start(launch, directory.resolve("work"))) {
            Path log = directory.resolve("work/logs/content-service.log").toAbsolutePath();
            assertThat(process.log()).isEqualTo(log);
            assertThatThrownBy(() -> process.awaitReady(Duration.ofSeconds(60)))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessageContaining("content-service exited with code 1")
                    .hasMessageContaining(log.toString())
                    .hasMessageContaining("Too small maximum heap");
        }
    }

    @Test
    void findsTheRepositoryRootFromTheModuleDirectory() {
        RepositoryLayout layout = RepositoryLayout.locate(java.util.Optional.empty());

        assertThat(layout.root().resolve("local-stack").resolve("pom.xml")).exists();
        assertThat(layout.jarOf("feed-service"))
                .isEqualTo(layout.root().resolve("feed-service/target/feed-service.jar"));
    }
}
