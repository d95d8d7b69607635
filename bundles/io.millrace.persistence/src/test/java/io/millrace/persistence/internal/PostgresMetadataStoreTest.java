package io.millrace.persistence.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The same contract on a real PostgreSQL server, one fresh database per test. */
class PostgresMetadataStoreTest extends MetadataStoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private String database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    @BeforeEach
    void open() {
        database = "metadata_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        super.open();
    }

    @Override
    String url() {
        return postgres.getJdbcUrl("postgres", database);
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    String productName() {
        return "PostgreSQL";
    }

    @Override
    String password() {
        return "postgres";
    }
}
