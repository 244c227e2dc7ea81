package dev.tidings.notifier.dkim;

/** DKIM signing is on but cannot work as configured; the service must not start sending unsigned. */
public class DkimSetupException extends IllegalStateException {

    DkimSetupException(String problem) {
        super(problem);
    }

    DkimSetupException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
