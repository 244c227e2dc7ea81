package dev.tidings.localstack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A service jar extracted once into {@code <work directory>/apps/<service>-<size>-<modified>/}
 * (Spring Boot's {@code -Djarmode=tools extract}), with a class data sharing archive beside it.
 *
 * <p>Several instances of one service share the extracted files; each records and maps an archive
 * of its own, so two JVMs never write one file.
 *
 * <p>Why: a JVM starts a Spring Boot application markedly faster from an extracted layout with a
 * CDS archive of its classes than from the fat jar. The first start of a build records the
 * archive when the service exits ({@code -XX:ArchiveClassesAtExit}); later starts map it
 * ({@code -XX:SharedArchiveFile}). A JVM that cannot use an archive (another JDK, a stale file)
 * starts without it. The extracted copy also lets the service be rebuilt while the stack runs.
 */
record ExtractedApp(Path jar, Path directory) {

    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    /** The extracted layout of {@code jar}, extracting it first if this build was never extracted. */
    static ExtractedApp of(Path jar, Path appsDirectory) {
        try {
            String service = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            String version = service + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
            Path directory = appsDirectory.resolve(version).toAbsolutePath();
            Path extracted = directory.resolve(jar.getFileName());
            if (!Files.isRegularFile(extracted)) {
                removeOtherVersions(service, appsDirectory, version);
                extract(jar, directory);
            }
            return new ExtractedApp(extracted, directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not extract " + jar, ex);
        }
    }

    /** Options that use the archive of {@code instance}, or record it when there is none yet. */
    List<String> classDataSharingOptions(String instance) {
        Path classDataArchive = directory.resolve(instance + ".jsa");
        if (Files.isRegularFile(classDataArchive)) {
            return List.of("-XX:SharedArchiveFile=" + classDataArchive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
        return List.of("-XX:ArchiveClassesAtExit=" + classDataArchive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private static void extract(Path jar, Path directory) throws IOException {
        // Into a temporary directory first, so that an interrupted extraction is never taken for a whole one.
        Path partial = Files.createDirectories(directory.getParent())
                .resolve(directory.getFileName() + ".partial");
        deleteRecursively(partial);
        Process extraction = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
                partial.toString())
                .redirectErrorStream(true)
                .start();
        try {
            // Its output is a few lines at most, so reading it to the end cannot block the extraction.
            String output = new String(extraction.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!extraction.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || extraction.exitValue() != 0) {
                extraction.destroyForcibly();
                deleteRecursively(partial);
                throw new ServiceStartException("could not extract " + jar + " (java -Djarmode=tools -jar "
                        + jar.getFileName() + " extract): " + output);
            }
        }
        catch (InterruptedException ex) {
            extraction.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted while extracting " + jar);
        }
        deleteRecursively(directory);
        Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void removeOtherVersions(String service, Path appsDirectory, String keep) throws IOException {
        if (!Files.isDirectory(appsDirectory)) {
            return;
        }
        try (Stream<Path> versions = Files.list(appsDirectory)) {
            for (Path old : versions.filter(path -> path.getFileName().toString().startsWith(service + "-")
                    && !path.getFileName().toString().equals(keep)).toList()) {
                deleteRecursively(old);
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
