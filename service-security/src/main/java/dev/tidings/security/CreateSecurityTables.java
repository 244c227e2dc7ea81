package dev.tidings.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The Flyway migration that creates {@code api_keys} and {@code audit_log}. Each service places it
 * in its own migration history with a one-line subclass in package {@code db.migration} (its
 * version comes from the subclass's name, e.g. {@code V4__create_api_keys_and_audit_log}), so
 * the tables are defined once, here, beside the code that uses them.
 */
public abstract class CreateSecurityTables extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql());
        }
    }

    private static String sql() {
        try (InputStream in = CreateSecurityTables.class.getResourceAsStream("security-tables.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
