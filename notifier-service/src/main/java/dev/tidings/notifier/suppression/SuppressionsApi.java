package dev.tidings.notifier.suppression;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The suppression list for admins (everything under {@code /api/admin} needs the admin role): list
 * it, lift an address, and feed bounces and complaints back from a provider's webhook or a DSN.
 */
@RestController
@RequestMapping(path = "/api/admin/suppressions", produces = MediaType.APPLICATION_JSON_VALUE)
class SuppressionsApi {

    private static final Set<String> TYPES = Set.of("bounce", "complaint");

    private static final Pattern DSN_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,253}");

    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._-]{1,40}");

    private final Suppressions suppressions;

    SuppressionsApi(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @GetMapping
    List<Suppression> list() {
        return suppressions.list();
    }

    /** 200 with whether the address is now suppressed; a transient bounce suppresses nothing. */
    @PostMapping(path = "/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> report(@RequestBody DeliveryReport report) {
        String email = email(report.email());
        if (report.type() == null || !TYPES.contains(report.type())) {
            throw badRequest("type must be \"bounce\" or \"complaint\"");
        }
        if (report.status() != null && !DSN_STATUS.matcher(report.status()).matches()) {
            throw badRequest("status must be a DSN status code such as 5.1.1");
        }
        String source = report.source() == null ? "report" : report.source();
        if (!SOURCE.matcher(source).matches()) {
            throw badRequest("source must be 1 to 40 letters, digits, '.', '_' or '-'");
        }
        String detail = detail(report);
        if (report.type().equals("complaint")) {
            suppressions.suppress(email, SuppressionReason.COMPLAINED, source, detail);
            return Map.of("email", email, "suppressed", true, "reason", SuppressionReason.COMPLAINED.value());
        }
        if (!permanent(report)) {
            return Map.of("email", email, "suppressed", false);
        }
        suppressions.suppress(email, SuppressionReason.BOUNCED, source, detail);
        return Map.of("email", email, "suppressed", true, "reason", SuppressionReason.BOUNCED.value());
    }

    /** 204 when lifted, 404 when the address was not suppressed. */
    @DeleteMapping
    ResponseEntity<Void> lift(@RequestParam String email) {
        if (!suppressions.lift(email(email))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the address is not suppressed");
        }
        return ResponseEntity.noContent().build();
    }

    private static boolean permanent(DeliveryReport report) {
        if (report.permanent() != null) {
            return report.permanent();
        }
        return report.status() == null || report.status().startsWith("5.");
    }

    private static String detail(DeliveryReport report) {
        String detail = (report.status() == null ? "" : report.status() + " ")
                + (report.diagnostic() == null ? "" : report.diagnostic());
        detail = detail.replaceAll("\\p{Cntrl}", " ").strip();
        return detail.isEmpty() ? null : detail.substring(0, Math.min(detail.length(), 500));
    }

    private static String email(String raw) {
        if (raw == null || raw.length() > 254 || !EMAIL.matcher(raw.strip()).matches()) {
            throw badRequest("email must be one address, at most 254 characters");
        }
        return raw.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
