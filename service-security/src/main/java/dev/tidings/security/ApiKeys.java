package dev.tidings.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The API keys created through the admin API, in the service's own {@code api_keys} table. */
public class ApiKeys {

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new key and returns it with its secret, which is not kept anywhere. */
    public CreatedKey create(String person, Role role, Actor createdBy) {
        String secret = ApiKeySecrets.newKey();
        UUID id = UUID.randomUUID();
        ApiKey key = jdbc.sql("""
                INSERT INTO api_keys (id, person, role, key_hash, created_by)
                VALUES (:id, :person, :role, :hash, :createdBy)
                RETURNING id, person, role, created_at, created_by, revoked_at""")
                .param("id", id)
                .param("person", person)
                .param("role", role.name())
                .param("hash", ApiKeySecrets.hash(secret))
                .param("createdBy", createdBy.name() + " (" + createdBy.credential() + ")")
                .query(ApiKeys::key)
                .single();
        return new CreatedKey(key, secret);
    }

    Optional<ApiKey> findActive(byte[] hash) {
        return jdbc.sql("""
                SELECT id, person, role, created_at, created_by, revoked_at FROM api_keys
                WHERE key_hash = :hash AND revoked_at IS NULL""")
                .param("hash", hash)
                .query(ApiKeys::key)
                .optional();
    }

    public List<ApiKey> list() {
        return jdbc.sql("SELECT id, person, role, created_at, created_by, revoked_at FROM api_keys ORDER BY created_at")
                .query(ApiKeys::key)
                .list();
    }

    /** Revokes a key at once; false when there is no such key. Revoking twice keeps the first time. */
    public boolean revoke(UUID id) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id")
                .param("id", id)
                .update() == 1;
    }

    private static ApiKey key(ResultSet row, int index) throws SQLException {
        Timestamp revoked = row.getTimestamp("revoked_at");
        return new ApiKey(row.getObject("id", UUID.class), row.getString("person"),
                Role.valueOf(row.getString("role")), row.getTimestamp("created_at").toInstant(),
                row.getString("created_by"), revoked == null ? null : revoked.toInstant());
    }

    /** A key just created, with the secret its owner must copy now. */
    public record CreatedKey(ApiKey key, String secret) {
    }
}
