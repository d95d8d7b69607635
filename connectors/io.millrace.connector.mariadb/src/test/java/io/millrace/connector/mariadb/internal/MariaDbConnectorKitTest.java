package io.millrace.connector.mariadb.internal;

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

/** The MariaDB connector passes the connector test kit against a real MariaDB server. */
class MariaDbConnectorKitTest extends SourceConnectorKit {
    private static TestMariaDb mariaDb;
    private static SourceUnderTest source;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = TestMariaDb.start();
        source = new MariaDbUnderTest();
    }

    @AfterAll
    static void stop() throws Exception {
        mariaDb.close();
    }

    @Override
    protected SourceUnderTest source() {
        return source;
    }

    private static final class MariaDbUnderTest implements SourceUnderTest {
        private final ConnectorProvider provider = new MariaDbConnectorProvider();

        @Override
        public ConnectorProvider provider() {
            return provider;
        }

        @Override
        public ConnectionSettings settings() {
            return mariaDb.settings();
        }

        @Override
        public String schema() {
            return "shop";
        }

        @Override
        public Connection connect() throws SQLException {
            Connection connection = mariaDb.connectAsRoot();
            connection.setCatalog("shop");
            return connection;
        }

        @Override
        public String quote(String identifier) {
            return '`' + identifier.replace("`", "``") + '`';
        }

        @Override
        public String alterColumnType(String qualifiedTable, String quotedColumn, String type) {
            return "ALTER TABLE " + qualifiedTable + " MODIFY COLUMN " + quotedColumn + " " + type;
        }

        /** A binlog replica keeps nothing in the server: the task keeps its position. */
        @Override
        public boolean capturesKeepStateInTheSource() {
            return false;
        }

        @Override
        public void analyze(String qualifiedTable) {
            execute("ANALYZE TABLE " + qualifiedTable);
        }

        @Override
        public List<TypeCase> typeCases() {
            return List.of(
                    new TypeCase("TINYINT(1)", "2", Kind.SMALLINT, "2"),
                    new TypeCase("TINYINT UNSIGNED", "255", Kind.SMALLINT, "255"),
                    new TypeCase("INT UNSIGNED", "4294967295", Kind.BIGINT, "4294967295"),
                    new TypeCase("BIGINT UNSIGNED", "18446744073709551615", Kind.DECIMAL, "18446744073709551615"),
                    new TypeCase("BIGINT", "-9223372036854775808", Kind.BIGINT, "-9223372036854775808"),
                    new TypeCase("BIT(10)", "b'1010000001'", Kind.STRING, "1010000001"),
                    new TypeCase(
                            "DECIMAL(65,30)",
                            "'12345678901234567890123456789012345.123456789012345678901234567891'",
                            Kind.DECIMAL,
                            "12345678901234567890123456789012345.123456789012345678901234567891"),
                    new TypeCase("FLOAT", "1.5", Kind.REAL, "1.5"),
                    // PostgreSQL's float forms: an exponent from 1e+06 for FLOAT, from 1e+15 for DOUBLE.
                    new TypeCase("FLOAT", "1e7", Kind.REAL, "1e+07"),
                    new TypeCase("DOUBLE", "-2.5e20", Kind.DOUBLE, "-2.5e+20"),
                    new TypeCase("DOUBLE", "1e7", Kind.DOUBLE, "10000000"),
                    new TypeCase("DOUBLE", "1e-5", Kind.DOUBLE, "1e-05"),
                    new TypeCase("DATE", "'2024-02-29'", Kind.DATE, "2024-02-29"),
                    new TypeCase(
                            "DATETIME(6)",
                            "'2024-02-29 13:45:00.123456'",
                            Kind.TIMESTAMP,
                            "2024-02-29 13:45:00.123456"),
                    // Only the fractional digits the value needs, not the column's three (nor the binlog's six).
                    new TypeCase("DATETIME(3)", "'2024-02-29 13:45:00.5'", Kind.TIMESTAMP, "2024-02-29 13:45:00.5"),
                    new TypeCase("TIME(6)", "'-838:59:59'", Kind.INTERVAL, "PT-838H-59M-59S"),
                    new TypeCase("TIME", "'25:00:01'", Kind.INTERVAL, "PT25H1S"),
                    new TypeCase("YEAR", "2024", Kind.SMALLINT, "2024"),
                    new TypeCase("VARCHAR(20) CHARACTER SET utf8mb4", "'😀 ok'", Kind.STRING, "😀 ok"),
                    new TypeCase("VARCHAR(20) CHARACTER SET latin1", "'café'", Kind.STRING, "café"),
                    new TypeCase("TEXT", "'tab\\there'", Kind.STRING, "tab\there"),
                    new TypeCase("BINARY(4)", "x'01020304'", Kind.BINARY, "\\x01020304"),
                    new TypeCase("VARBINARY(10)", "x'ff00'", Kind.BINARY, "\\xff00"),
                    new TypeCase("BLOB", "x'deadbeef'", Kind.BINARY, "\\xdeadbeef"),
                    new TypeCase("ENUM('small','medium','large')", "'medium'", Kind.STRING, "medium"),
                    new TypeCase("SET('a','b','c')", "'a,c'", Kind.STRING, "a,c"),
                    new TypeCase("JSON", "'{\"a\": 1}'", Kind.JSON, "{\"a\": 1}"),
                    new TypeCase("POINT", "POINT(3, 4)", Kind.BINARY, "\\x010100000000000000000008400000000000001040"));
        }
    }
}
