package dev.tidings.localstack.services;

/** A service exited or did not become ready in time; the message names its log file. */
public class ServiceStartException extends RuntimeException {

    public ServiceStartException(String message) {
        super(message);
    }
}
