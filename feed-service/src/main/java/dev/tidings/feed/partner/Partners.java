package dev.tidings.feed.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The partners in the {@code partners} table. A token is looked up by its SHA-256 on every request,
 * so a revoked or replaced token stops working with the next request on every instance.
 */
@Repository
class Partners {

    private static final String COLUMNS = """
            id, name, topics, token_hash IS NOT NULL AS token_active, token_issued_at, token_revoked_at, created_at,
            created_by, requests, last_access_at""";

    private final JdbcClient jdbc;

    Partners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new partner with a new token and returns both; the token is kept nowhere else. */
    Created create(String name, List<String> topics, String createdBy, Instant now) {
        String token = PartnerTokens.newToken();
        PartnerSummary partner = jdbc.sql("""
                INSERT INTO partners (id, name, topics, token_hash, token_issued_at, created_at, created_by)
                VALUES (:id, :name, :topics, :hash, :now, :now, :createdBy)
                RETURNING""" + " " + COLUMNS)
                .param("id", UUID.randomUUID())
                .param("name", name)
                .param("topics", textArray(topics))
                .param("hash", PartnerTokens.hash(token))
                .param("now", utc(now))
                .param("createdBy", createdBy)
                .query(Partners::summary)
                .single();
        return new Created(partner, token);
    }

    List<PartnerSummary> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partners ORDER BY created_at, id")
                .query(Partners::summary)
                .list();
    }

    Optional<PartnerSummary> changeTopics(UUID id, List<String> topics) {
        return jdbc.sql("UPDATE partners SET topics = :topics WHERE id = :id RETURNING " + COLUMNS)
                .param("id", id)
                .param("topics", textArray(topics))
                .query(Partners::summary)
                .optional();
    }

    /** Revokes the partner's token at once; empty when there is no such partner. Revoking twice keeps the first time. */
    Optional<PartnerSummary> revokeToken(UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE partners SET token_revoked_at = CASE WHEN token_hash IS NULL THEN token_revoked_at ELSE :now END,
                                    token_hash = NULL
                WHERE id = :id RETURNING""" + " " + COLUMNS)
                .param("id", id)
                .param("now", utc(now))
                .query(Partners::summary)
                .optional();
    }

    /** Gives the partner a new token, which replaces (and so revokes) any it had; empty when there is no such partner. */
    Optional<Created> issueToken(UUID id, Instant now) {
        String token = PartnerTokens.newToken();
        return jdbc.sql("""
                UPDATE partners SET token_hash = :hash, token_issued_at = :now, token_revoked_at = NULL WHERE id = :id
                RETURNING""" + " " + COLUMNS)
                .param("id", id)
                .param("hash", PartnerTokens.hash(token))
                .param("now", utc(now))
                .query(Partners::summary)
                .optional()
                .map(partner -> new Created(partner, token));
    }

    /** The partner whose current token this is; empty for a malformed, unknown, revoked or replaced token. */
    Optional<Partner> findByToken(String token) {
        if (!PartnerTokens.wellFormed(token)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, name, topics FROM partners WHERE token_hash = :hash")
                .param("hash", PartnerTokens.hash(token))
                .query((rs, row) -> new Partner(rs.getObject("id", UUID.class), rs.getString("name"),
                        texts(rs)))
                .optional();
    }

    /** Adds requests counted by this instance; a partner deleted meanwhile is simply not found. */
    void addRequests(UUID id, long requests, Instant lastAccess) {
        jdbc.sql("""
                UPDATE partners SET requests = requests + :requests,
                                    last_access_at = GREATEST(last_access_at, CAST(:lastAccess AS timestamptz))
                WHERE id = :id
                """)
                .param("id", id)
                .param("requests", requests)
                .param("lastAccess", utc(lastAccess))
                .update();
    }

    private static PartnerSummary summary(ResultSet rs, int row) throws SQLException {
        return new PartnerSummary(rs.getObject("id", UUID.class), rs.getString("name"), texts(rs),
                rs.getBoolean("token_active"), instant(rs, "token_issued_at"), instant(rs, "token_revoked_at"),
                instant(rs, "created_at"), rs.getString("created_by"), rs.getLong("requests"),
                instant(rs, "last_access_at"));
    }

    private static List<String> texts(ResultSet rs) throws SQLException {
        return List.of((String[]) rs.getArray("topics").getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    // Wrapped so that one SQL array is bound instead of an expanded IN list.
    private static SqlParameterValue textArray(List<String> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(String[]::new));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** A partner with the token it was just given, which it must copy now. */
    record Created(PartnerSummary partner, String token) {
    }
}
