package dev.tidings.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * CloudEvents 1.0 attributes in the Kafka protocol binding, binary mode: each attribute is a
 * {@code ce_*} Kafka header, the payload is the bare JSON event data.
 *
 * <p>Header values are written as raw UTF-8 {@code byte[]}: Spring's Kafka header mapper passes
 * bytes through untouched, whereas a {@code String} would be JSON-encoded (quoted) on the wire and
 * no longer be a CloudEvents header. {@link #from(Map)} reads either form.
 */
public record CloudEventHeaders(String id, String source, String type, Instant time, String subject) {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    public CloudEventHeaders {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(time, "time must not be null");
        Objects.requireNonNull(subject, "subject must not be null");
    }

    /** The headers to put on the Kafka record, in the order the binding lists them. */
    public Map<String, Object> toKafkaHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(SPEC_VERSION, bytes(SPEC_VERSION_1_0));
        headers.put(ID, bytes(id));
        headers.put(SOURCE, bytes(source));
        headers.put(TYPE, bytes(type));
        headers.put(TIME, bytes(time.toString()));
        headers.put(SUBJECT, bytes(subject));
        headers.put(CONTENT_TYPE, bytes(JSON));
        return headers;
    }

    /**
     * Reads the attributes from received message headers.
     *
     * @throws IllegalArgumentException when a required attribute is missing or the spec version
     *     is not 1.0: such a record is unreadable and belongs in the dead-letter topic
     */
    public static CloudEventHeaders from(Map<String, ?> headers) {
        String specVersion = text(headers, SPEC_VERSION);
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new IllegalArgumentException("unsupported ce_specversion: " + specVersion);
        }
        try {
            return new CloudEventHeaders(text(headers, ID), text(headers, SOURCE), text(headers, TYPE),
                    Instant.parse(text(headers, TIME)), text(headers, SUBJECT));
        }
        catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("ce_time is not an RFC 3339 timestamp", ex);
        }
    }

    private static String text(Map<String, ?> headers, String name) {
        Object value = headers.get(name);
        if (value instanceof byte[] raw) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        if (value == null) {
            throw new IllegalArgumentException("missing header " + name);
        }
        return value.toString();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
