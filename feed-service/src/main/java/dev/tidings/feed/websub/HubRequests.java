package dev.tidings.feed.websub;

import dev.tidings.feed.FeedProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads and checks the form of a hub request (W3C WebSub 5.1): {@code hub.mode},
 * {@code hub.topic}, {@code hub.callback}, optional {@code hub.lease_seconds} and {@code hub.secret}.
 * Everything is checked before the hub contacts the callback: one value per parameter, no control
 * characters (CR, LF, ...), bounded lengths, a topic this hub distributes, an absolute http(s)
 * callback without credentials or fragment whose host resolves only to addresses the hub may reach
 * ({@link CallbackAddresses}), a secret under 200 bytes.
 */
@Component
class HubRequests {

    static final int LONGEST_URL = 2048;

    // WebSub 5.1: "This parameter MUST be less than 200 bytes in length."
    static final int LONGEST_SECRET_BYTES = 199;

    private final TopicSources topics;

    private final CallbackAddresses addresses;

    private final FeedProperties.Websub settings;

    HubRequests(TopicSources topics, CallbackAddresses addresses, FeedProperties properties) {
        this.topics = topics;
        this.addresses = addresses;
        this.settings = properties.websub();
    }

    /** The request in {@code parameters} (as the servlet API gives them), or a {@link BadHubRequestException}. */
    HubRequest read(Map<String, String[]> parameters) {
        HubRequest.Mode mode = switch (required(parameters, "hub.mode")) {
            case "subscribe" -> HubRequest.Mode.SUBSCRIBE;
            case "unsubscribe" -> HubRequest.Mode.UNSUBSCRIBE;
            default -> throw new BadHubRequestException("hub.mode must be 'subscribe' or 'unsubscribe'.");
        };
        String topic = required(parameters, "hub.topic");
        if (topic.length() > LONGEST_URL) {
            throw new BadHubRequestException("hub.topic is longer than " + LONGEST_URL + " characters.");
        }
        List<String> changeKeys = topics.changeKeysOf(topic).orElseThrow(() -> new BadHubRequestException(
                "hub.topic is not a feed of this hub: use a feed's rel=\"self\" URL, such as the one in its "
                        + "Link header."));
        URI callback = callback(required(parameters, "hub.callback"));
        long leaseSeconds = leaseSeconds(optional(parameters, "hub.lease_seconds"));
        String secret = optional(parameters, "hub.secret").filter(value -> !value.isEmpty()).orElse(null);
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length > LONGEST_SECRET_BYTES) {
            throw new BadHubRequestException("hub.secret must be less than 200 bytes long.");
        }
        return new HubRequest(mode, topic, callback, changeKeys, leaseSeconds, secret);
    }

    private URI callback(String value) {
        if (value.length() > LONGEST_URL) {
            throw new BadHubRequestException("hub.callback is longer than " + LONGEST_URL + " characters.");
        }
        URI uri;
        try {
            uri = new URI(value);
        }
        catch (URISyntaxException ex) {
            throw new BadHubRequestException("hub.callback is not a valid URL: " + ex.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadHubRequestException("hub.callback must be an absolute http or https URL.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new BadHubRequestException("hub.callback has no host (or one that is not a valid host name).");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new BadHubRequestException("hub.callback must not have user information or a fragment.");
        }
        try {
            addresses.resolve(uri.getHost());
        }
        catch (CallbackAddresses.RefusedAddressException ex) {
            throw new BadHubRequestException("hub.callback is refused: " + ex.getMessage() + ".");
        }
        catch (UnknownHostException ex) {
            throw new BadHubRequestException("hub.callback's host " + uri.getHost() + " does not resolve.");
        }
        return uri;
    }

    private long leaseSeconds(Optional<String> requested) {
        if (requested.isEmpty() || requested.get().isEmpty()) {
            return settings.defaultLease().toSeconds();
        }
        long seconds;
        try {
            seconds = Long.parseLong(requested.get());
        }
        catch (NumberFormatException ex) {
            throw new BadHubRequestException("hub.lease_seconds must be a whole number of seconds.");
        }
        if (seconds <= 0) {
            throw new BadHubRequestException("hub.lease_seconds must be positive.");
        }
        return Math.max(settings.minLease().toSeconds(), Math.min(settings.maxLease().toSeconds(), seconds));
    }

    private static String required(Map<String, String[]> parameters, String name) {
        return optional(parameters, name)
                .filter(value -> !value.isEmpty())
                .orElseThrow(() -> new BadHubRequestException(name + " is required."));
    }

    private static Optional<String> optional(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw new BadHubRequestException(name + " is given more than once.");
        }
        String value = values[0];
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new BadHubRequestException(name + " must not contain control characters (such as CR or LF).");
        }
        return Optional.of(value);
    }
}
