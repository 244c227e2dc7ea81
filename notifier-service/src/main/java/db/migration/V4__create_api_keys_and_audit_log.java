package db.migration;

import dev.tidings.security.CreateSecurityTables;

/** The API keys and audit log of service-security, at this place in the service's migration history. */
public class V4__create_api_keys_and_audit_log extends CreateSecurityTables {
}
