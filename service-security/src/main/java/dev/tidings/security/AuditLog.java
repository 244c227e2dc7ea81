package dev.tidings.security;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every write made through the service's HTTP API, in its own {@code audit_log} table. */
public class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Actor actor, String method, String action, String target, int status, String note) {
        jdbc.sql("""
                INSERT INTO audit_log (actor, credential, method, action, target, status, note)
                VALUES (:actor, :credential, :method, :action, :target, :status, :note)""")
                .param("actor", actor.name())
                .param("credential", actor.credential())
                .param("method", method)
                .param("action", action)
                .param("target", target)
                .param("status", status)
                .param("note", note)
                .update();
    }

    /** The newest entries first; {@code target} filters on a part of the target, e.g. an article id. */
    public List<AuditEntry> newest(int limit, String target) {
        return jdbc.sql("""
                SELECT id, at, actor, credential, method, action, target, status, note FROM audit_log
                WHERE (CAST(:target AS text) IS NULL OR strpos(target, CAST(:target AS text)) > 0)
                ORDER BY id DESC LIMIT :limit""")
                .param("target", target)
                .param("limit", limit)
                .query((row, index) -> new AuditEntry(row.getLong("id"), row.getTimestamp("at").toInstant(),
                        row.getString("actor"), row.getString("credential"), row.getString("method"),
                        row.getString("action"), row.getString("target"), row.getInt("status"),
                        row.getString("note")))
                .list();
    }
}
