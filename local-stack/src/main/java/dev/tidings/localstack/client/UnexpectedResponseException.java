package dev.tidings.localstack.client;

import java.util.Arrays;

/** A service answered with a status the caller did not expect. */
public class UnexpectedResponseException extends RuntimeException {

    UnexpectedResponseException(ApiResponse response, int... expected) {
        super(response.method() + " " + response.uri() + " answered " + response.status() + " (expected "
                + Arrays.toString(expected) + "): " + abbreviate(response.body()));
    }

    private static String abbreviate(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + " ...";
    }
}
