package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.testkit.SourceConnectorKit;
import io.millrace.connector.testkit.SourceUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The JDBC connector passes the connector test kit against an H2 database, found like any driver:
 * through its {@code META-INF/services/java.sql.Driver}. The change suites skip themselves.
 */
class JdbcConnectorKitTest extends SourceConnectorKit {
    /** Unquoted names in lowercase, as the suites' SQL expects them back. */
    private static final String URL = "jdbc:h2:mem:jdbc_kit;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";

    private static final SourceUnderTest SOURCE = new H2UnderTest();

    @Override
    protected SourceUnderTest source() {
        return SOURCE;
    }

    private static final class H2UnderTest implements SourceUnderTest {
        private final ConnectorProvider provider = new JdbcConnectorProvider(
                new DriverLookup(new ClassPathDrivers(JdbcConnectorKitTest.class.getClassLoader())));

        @Override
        public ConnectorProvider provider() {
            return provider;
        }

        @Override
        public ConnectionSettings settings() {
            return new ConnectionSettings(Map.of("url", URL, "user", "sa"), Map.of());
        }

        @Override
        public ConnectionSettings unreachable() {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ConnectionSettings(
                    Map.of("url", "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:nothing", "user", "sa"), Map.of());
        }

        @Override
        public String schema() {
            return "public";
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(URL, "sa", "");
        }

        @Override
        public List<TypeCase> typeCases() {
            return List.of(
                    new TypeCase("smallint", "-32768", Kind.SMALLINT, "-32768"),
                    new TypeCase("bigint", "9223372036854775807", Kind.BIGINT, "9223372036854775807"),
                    new TypeCase(
                            "numeric(40,10)",
                            "123456789012345678901234567890.0123456789",
                            Kind.DECIMAL,
                            "123456789012345678901234567890.0123456789"),
                    new TypeCase("real", "1.5e20", Kind.REAL, "1.5e+20"),
                    new TypeCase("real", "1e7", Kind.REAL, "1e+07"),
                    new TypeCase("double precision", "0.1", Kind.DOUBLE, "0.1"),
                    new TypeCase("double precision", "100", Kind.DOUBLE, "100"),
                    new TypeCase("boolean", "true", Kind.BOOLEAN, "t"),
                    new TypeCase("varchar(10)", "'ünïcødé😀'", Kind.STRING, "ünïcødé😀"),
                    new TypeCase("varchar(30)", "'tab\there\nline \\ back'", Kind.STRING, "tab\there\nline \\ back"),
                    new TypeCase("char(3)", "'ab'", Kind.STRING, "ab "),
                    new TypeCase("varbinary(3)", "X'00ff10'", Kind.BINARY, "\\x00ff10"),
                    new TypeCase("date", "DATE '2024-02-29'", Kind.DATE, "2024-02-29"),
                    new TypeCase("date", "DATE '-0043-03-15'", Kind.DATE, "0044-03-15 BC"),
                    new TypeCase(
                            "timestamp(6)",
                            "TIMESTAMP '2024-02-29 13:45:00.123456'",
                            Kind.TIMESTAMP,
                            "2024-02-29 13:45:00.123456"),
                    new TypeCase(
                            "timestamp(6) with time zone",
                            "TIMESTAMP WITH TIME ZONE '1969-07-20 22:17:40.123456+02'",
                            Kind.TIMESTAMP_TZ,
                            "1969-07-20 20:17:40.123456+00"),
                    new TypeCase(
                            "timestamp with time zone",
                            "TIMESTAMP WITH TIME ZONE '-0043-03-15 12:00:00+02'",
                            Kind.TIMESTAMP_TZ,
                            "0044-03-15 10:00:00+00 BC"),
                    new TypeCase("time", "TIME '13:45:00'", Kind.TIME, "13:45:00"),
                    new TypeCase(
                            "time(1) with time zone",
                            "TIME WITH TIME ZONE '13:45:00.5-03:30'",
                            Kind.TIME_TZ,
                            "13:45:00.5-03:30"),
                    new TypeCase(
                            "uuid",
                            "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'",
                            Kind.UUID,
                            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                    new TypeCase("json", "JSON '{\"a\":[1,null]}'", Kind.JSON, "{\"a\":[1,null]}"),
                    new TypeCase("integer array", "ARRAY[1, NULL, 3]", Kind.ARRAY, "[1, null, 3]"));
        }
    }
}
