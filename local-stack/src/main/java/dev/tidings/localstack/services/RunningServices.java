package dev.tidings.localstack.services;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The services of the stack, started together (they boot in parallel, which on two cores is still
 * faster than one after another) and stopped together.
 *
 * <p>{@link #close()} may run on a shutdown hook while {@link #start} is still waiting: every
 * process started is known to it at once, and none is started after it.
 */
public final class RunningServices implements AutoCloseable {

    private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();

    private volatile boolean closed;

    /** Starts every launch (see {@link ServiceProcess#start}), then waits for each to be ready. */
    public void start(List<ServiceLaunch> launches, Path workDirectory, Duration timeoutEach) {
        for (ServiceLaunch launch : launches) {
            processes.add(ServiceProcess.start(launch, workDirectory));
            if (closed) {
                close();
                throw new ServiceStartException("the stack is stopping; " + launch.name() + " was stopped again");
            }
        }
        for (ServiceProcess process : processes) {
            process.awaitReady(timeoutEach);
        }
    }

    public List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    /** Sends SIGTERM to all, then waits for each (20 s grace) and kills what is left. */
    @Override
    public void close() {
        closed = true;
        processes.forEach(ServiceProcess::requestStop);
        processes.forEach(ServiceProcess::awaitStopOrKill);
    }
}
