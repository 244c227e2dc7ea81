package dev.tidings.notifier.subscription;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The JSON sign-up endpoint; always answers "pending", whether or not the address was known. */
@RestController
class SubscriptionApi {

    private final SubscribeRequests requests;

    SubscriptionApi(SubscribeRequests requests) {
        this.requests = requests;
    }

    @PostMapping(path = "/api/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> subscribe(@RequestBody SubscriptionRequest request) {
        requests.subscribe(request);
        return Map.of("status", "pending");
    }
}
