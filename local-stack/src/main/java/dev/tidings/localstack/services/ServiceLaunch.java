package dev.tidings.localstack.services;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run one service as a child process: its executable jar, the HTTP port it will listen on,
 * the JVM options and the Spring Boot arguments ({@code --name=value}) that point it at the stack.
 */
public record ServiceLaunch(String name, Path jar, int port, List<String> jvmOptions, List<String> arguments) {

    public ServiceLaunch {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(jar, "jar must not be null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be a real port, not " + port);
        }
        jvmOptions = List.copyOf(jvmOptions);
        arguments = List.copyOf(arguments);
    }

    /** The command line running {@code app}, with the {@code java} of the JVM running this code. */
    List<String> command(ExtractedApp app) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(app.classDataSharingOptions(name));
        command.add("-jar");
        command.add(app.jar().toString());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        return command;
    }
}
