package dev.tidings.feed.websub;

import java.net.URI;
import java.util.List;

/**
 * A subscription or unsubscription request that passed every check the hub makes before verifying
 * the subscriber's intent: {@code changeKeys} of its topic, the {@code leaseSeconds} the hub grants
 * (within its bounds; unused when unsubscribing) and the {@code secret} (null without one). Its
 * {@code toString} leaves the secret out.
 */
record HubRequest(Mode mode, String topic, URI callback, List<String> changeKeys, long leaseSeconds, String secret) {

    enum Mode {
        SUBSCRIBE("subscribe"), UNSUBSCRIBE("unsubscribe");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        /** As {@code hub.mode} names it. */
        String value() {
            return value;
        }
    }

    @Override
    public String toString() {
        return "HubRequest[" + mode.value() + " " + callback + " to " + topic + "]";
    }
}
