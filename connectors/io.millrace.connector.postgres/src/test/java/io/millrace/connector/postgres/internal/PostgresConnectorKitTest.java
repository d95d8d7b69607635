package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.testkit.SourceConnectorKit;
import io.millrace.connector.testkit.SourceUnderTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL connector passes the connector test kit against a real PostgreSQL server. */
class PostgresConnectorKitTest extends SourceConnectorKit {
    private static TestPostgres postgres;
    private static SourceUnderTest source;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.startLogical();
        postgres.execute(
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')", "CREATE DOMAIN positive AS int CHECK (VALUE > 0)");
        source = new PostgresUnderTest();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Override
    protected SourceUnderTest source() {
        return source;
    }

    private static final class PostgresUnderTest implements SourceUnderTest {
        private final ConnectorProvider provider = new PostgresConnectorProvider();

        @Override
        public ConnectorProvider provider() {
            return provider;
        }

        @Override
        public ConnectionSettings settings() {
            return postgres.settings();
        }

        @Override
        public String schema() {
            return "public";
        }

        @Override
        public Connection connect() throws SQLException {
            return postgres.connect();
        }

        @Override
        public void analyze(String qualifiedTable) {
            execute("ANALYZE " + qualifiedTable);
        }

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
                    new TypeCase("double precision", "'-Infinity'", Kind.DOUBLE, "-Infinity"),
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
                    new TypeCase("time", "'24:00:00'", Kind.TIME, "24:00:00"),
                    new TypeCase("timetz", "'13:45:00.5-03:30'", Kind.TIME_TZ, "13:45:00.5-03:30"),
                    new TypeCase("interval", "'1 year 2 mons -3 days 04:05:06.5'", Kind.INTERVAL, "P1Y2M-3DT4H5M6.5S"),
                    new TypeCase(
                            "uuid",
                            "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'",
                            Kind.UUID,
                            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                    new TypeCase("json", "'{\"a\": [1, null]}'", Kind.JSON, "{\"a\": [1, null]}"),
                    new TypeCase("jsonb", "'{\"b\":\"ä\"}'", Kind.JSON, "{\"b\": \"ä\"}"),
                    new TypeCase("int[]", "'{1,NULL,3}'", Kind.ARRAY, "{1,NULL,3}"),
                    new TypeCase("text[]", "'{\"a b\",NULL,\"c\\\"d\"}'", Kind.ARRAY, "{\"a b\",NULL,\"c\\\"d\"}"),
                    new TypeCase("mood", "'happy'", Kind.STRING, "happy"),
                    new TypeCase("positive", "7", Kind.INTEGER, "7"),
                    new TypeCase("bit(4)", "B'1010'", Kind.STRING, "1010"),
                    new TypeCase("inet", "'192.168.0.1/24'", Kind.STRING, "192.168.0.1/24"),
                    new TypeCase("cidr", "'10.0.0.0/8'", Kind.STRING, "10.0.0.0/8"),
                    new TypeCase("macaddr", "'08-00-2B-01-02-03'", Kind.STRING, "08:00:2b:01:02:03"),
                    new TypeCase("varbit", "B'101'", Kind.STRING, "101"),
                    new TypeCase("tsvector", "'fat cat:2 rat'", Kind.STRING, "'cat':2 'fat' 'rat'"),
                    new TypeCase("int4range", "'[1,5)'", Kind.STRING, "[1,5)"));
        }
    }
}
