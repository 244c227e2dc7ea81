package dev.tidings.localstack.services;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the service jars are: {@code <repository root>/<service>/target/<service>.jar}, as the
 * Maven build leaves them.
 *
 * <p>The root is the configured one if given, else the first of: the working directory, its
 * parent (a test runs in {@code local-stack/}), and the directory above the module this code was
 * loaded from ({@code local-stack/target/local-stack.jar} or {@code local-stack/target/classes}).
 */
public record RepositoryLayout(Path root) {

    private static final String MARKER = "content-service";

    public Path jarOf(String service) {
        return root.resolve(service).resolve("target").resolve(service + ".jar");
    }

    public static RepositoryLayout locate(Optional<Path> configured) {
        List<Path> candidates = new ArrayList<>();
        configured.ifPresent(candidates::add);
        Path workingDirectory = Path.of("").toAbsolutePath();
        candidates.add(workingDirectory);
        Optional.ofNullable(workingDirectory.getParent()).ifPresent(candidates::add);
        moduleDirectory().map(Path::getParent).ifPresent(candidates::add);
        return candidates.stream()
                .filter(candidate -> Files.isDirectory(candidate.resolve(MARKER)))
                .findFirst()
                .map(candidate -> new RepositoryLayout(candidate.toAbsolutePath().normalize()))
                .orElseThrow(() -> new IllegalStateException("cannot find the repository root (a directory with "
                        + MARKER + "/) among " + candidates
                        + "; run from the repository root or set --tidings.local-stack.repository-root"));
    }

    /** {@code local-stack/}: two levels above the jar or the classes directory. */
    private static Optional<Path> moduleDirectory() {
        CodeSource source = RepositoryLayout.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return Optional.empty();
        }
        try {
            String location = source.getLocation().toString();
            // Inside a Spring Boot fat jar the location is "jar:nested:/.../local-stack.jar/!BOOT-INF/classes/!/".
            int nested = location.indexOf("nested:");
            int bang = location.indexOf("/!");
            Path path = nested >= 0 && bang > nested
                    ? Path.of(location.substring(nested + "nested:".length(), bang))
                    : Path.of(source.getLocation().toURI());
            return Optional.ofNullable(path.toAbsolutePath().getParent()).map(Path::getParent);
        }
        catch (URISyntaxException | IllegalArgumentException ex) {
            // An unusual class loader: the other candidates still apply.
            return Optional.empty();
        }
    }
}
