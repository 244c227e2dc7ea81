package dev.tidings.events.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the current span, for work that leaves the span's thread through
 * the database and goes on later (ADR 0024): content-service's outbox row until the relay sends its
 * event, notifier-service's delivery row until a sender thread sends its email. Each service that
 * keeps one imports this bean.
 */
@Component
public class TraceParents {

    /** The W3C Trace Context header, as stored and as the spans that go on read it back. */
    public static final String HEADER = "traceparent";

    private final Tracer tracer;

    private final Propagator propagator;

    public TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, null outside any trace. */
    public String ofCurrentSpan() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(HEADER);
    }
}
