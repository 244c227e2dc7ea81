package dev.tidings.feed.websub;

/**
 * A verified subscription as deliveries need it: where its content goes ({@code callback}), which
 * feed it is ({@code topic}), and the subscriber's {@code secret} (null without one). Its
 * {@code toString} leaves the secret out.
 */
record Subscription(long id, String topic, String callback, String secret) {

    @Override
    public String toString() {
        return "Subscription[id=" + id + ", topic=" + topic + ", callback=" + callback + "]";
    }
}
