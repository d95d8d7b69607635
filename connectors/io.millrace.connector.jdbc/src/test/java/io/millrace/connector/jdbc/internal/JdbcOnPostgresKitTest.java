package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.testkit.SourceConnectorKit;
import io.millrace.connector.testkit.SourceUnderTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC connector passes the connector test kit against a real PostgreSQL through its JDBC
 * driver alone, as it would any database: generic metadata, generic SQL, values by JDBC type.
 */
class JdbcOnPostgresKitTest extends SourceConnectorKit {
    private static EmbeddedPostgres postgres;
    private static SourceUnderTest source;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        source = new PostgresThroughJdbc();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Override
    protected SourceUnderTest source() {
        return source;
    }

    private static final class PostgresThroughJdbc implements SourceUnderTest {
        private final ConnectorProvider provider = new JdbcConnectorProvider(
                new DriverLookup(new ClassPathDrivers(JdbcOnPostgresKitTest.class.getClassLoader())));

        @Override
        public ConnectorProvider provider() {
            return provider;
        }

        @Override
        public ConnectionSettings settings() {
            return settings(postgres.getPort());
        }

        @Override
        public ConnectionSettings unreachable() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return settings(socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static ConnectionSettings settings(int port) {
            return new ConnectionSettings(
                    Map.of(
                            "url",
                            "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable",
                            "user",
                            "postgres",
                            "schema",
                            "public"),
                    Map.of());
        }

        @Override
        public String schema() {
            return "public";
        }

        @Override
        public Connection connect() throws SQLException {
            return postgres.getPostgresDatabase().getConnection();
        }

        /** PostgreSQL's types as a generic JDBC source sees them: what has no JDBC type is its text. */
        @Override
        public List<TypeCase> typeCases() {
            return List.of(
                    new TypeCase("smallint", "-32768", Kind.SMALLINT, "-32768"),
                    new TypeCase("bigint", "9223372036854775807", Kind.BIGINT, "9223372036854775807"),
                    new TypeCase("numeric", "'NaN'", Kind.DECIMAL, "NaN"),
                    new TypeCase(
                            "numeric(40,10)",
                            "123456789012345678901234567890.0123456789",
                            Kind.DECIMAL,
                            "123456789012345678901234567890.0123456789"),
                    new TypeCase("real", "'Infinity'", Kind.REAL, "Infinity"),
                    new TypeCase("real", "'1.4e-45'", Kind.REAL, "1e-45"),
                    new TypeCase("double precision", "1e15", Kind.DOUBLE, "1e+15"),
                    new TypeCase("double precision", "0.1", Kind.DOUBLE, "0.1"),
                    new TypeCase("boolean", "true", Kind.BOOLEAN, "t"),
                    new TypeCase("text", "E'tab\\there\\nline \\\\ back'", Kind.STRING, "tab\there\nline \\ back"),
                    new TypeCase("varchar(10)", "'ünïcødé😀'", Kind.STRING, "ünïcødé😀"),
                    new TypeCase("char(3)", "'ab'", Kind.STRING, "ab "),
                    new TypeCase("bytea", "'\\x00ff10'", Kind.BINARY, "\\x00ff10"),
                    new TypeCase("date", "'0044-03-15 BC'", Kind.DATE, "0044-03-15 BC"),
                    new TypeCase("timestamp", "'infinity'", Kind.TIMESTAMP, "infinity"),
                    new TypeCase(
                            "timestamp(6)",
                            "'2024-02-29 13:45:00.123456'",
                            Kind.TIMESTAMP,
                            "2024-02-29 13:45:00.123456"),
                    new TypeCase(
                            "timestamptz",
                            "'1969-07-20 22:17:40.123456+02'",
                            Kind.TIMESTAMP_TZ,
                            "1969-07-20 20:17:40.123456+00"),
                    new TypeCase(
                            "timestamptz",
                            "'0044-03-15 12:00:00+02 BC'",
                            Kind.TIMESTAMP_TZ,
                            "0044-03-15 10:00:00+00 BC"),
                    new TypeCase("time", "'13:45:00'", Kind.TIME, "13:45:00"),
                    new TypeCase(
                            "uuid",
                            "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'",
                            Kind.UUID,
                            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                    new TypeCase("jsonb", "'{\"b\":\"ä\"}'", Kind.JSON, "{\"b\": \"ä\"}"),
                    new TypeCase("int[]", "'{1,NULL,3}'", Kind.ARRAY, "{1,NULL,3}"),
                    new TypeCase("inet", "'192.168.0.1/24'", Kind.STRING, "192.168.0.1/24"));
        }
    }
}
