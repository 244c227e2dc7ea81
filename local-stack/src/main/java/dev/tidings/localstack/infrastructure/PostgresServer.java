package dev.tidings.localstack.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An embedded PostgreSQL server (a child process run by zonky) holding one database per service.
 * Its data directory is temporary: every start is a clean slate.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private PostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /**
     * Starts the server on {@code port} (0 for a free one) and creates the given databases.
     */
    public static PostgresServer start(int port, List<String> databases) {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder().setPort(port).start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start embedded PostgreSQL on port " + port, ex);
        }
        PostgresServer postgres = new PostgresServer(server);
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String database : databases) {
                statement.execute("CREATE DATABASE " + database);
            }
        }
        catch (SQLException ex) {
            postgres.close();
            throw new IllegalStateException("could not create the service databases " + databases, ex);
        }
        return postgres;
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not stop embedded PostgreSQL", ex);
        }
    }
}
