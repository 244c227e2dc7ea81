package dev.tidings.security;

import java.time.Instant;

/**
 * One write as the audit log keeps it.
 *
 * @param action the handler that served it, e.g. {@code ArticleController.publish}
 * @param target what it touched: the created resource's {@code Location}, else the request path
 * @param note what the service adds about it, e.g. {@code correction of a published article}
 */
public record AuditEntry(long id, Instant at, String actor, String credential, String method, String action,
        String target, int status, String note) {
}
