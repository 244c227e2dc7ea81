package dev.tidings.notifier.ledger;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the current span, as a ledger row keeps it until a sender thread
 * sends the row's email (ADR 0024).
 */
@Component
class TraceParents {

    private static final String HEADER = "traceparent";

    private final Tracer tracer;

    private final Propagator propagator;

    TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's {@code traceparent}, null outside any trace. */
    String ofCurrentSpan() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(HEADER);
    }
}
