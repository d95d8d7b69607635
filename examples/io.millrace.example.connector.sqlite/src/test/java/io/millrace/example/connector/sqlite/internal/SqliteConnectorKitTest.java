package io.millrace.example.connector.sqlite.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.testkit.SourceConnectorKit;
import io.millrace.connector.testkit.SourceUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The connector passes the connector test kit against a SQLite file in a temporary folder. The
 * change capture suites skip themselves: SQLite has no log to capture changes from.
 */
class SqliteConnectorKitTest extends SourceConnectorKit {
    private static final SourceUnderTest SOURCE = new SqliteUnderTest();

    @Override
    protected SourceUnderTest source() {
        return SOURCE;
    }

    private static final class SqliteUnderTest implements SourceUnderTest {
        private final ConnectorProvider provider = new SqliteConnectorProvider();
        private final Path folder;
        private final Path file;

        SqliteUnderTest() {
            try {
                folder = Files.createTempDirectory("sqlite-kit");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            folder.toFile().deleteOnExit();
            file = folder.resolve("kit.db");
            file.toFile().deleteOnExit();
            execute("PRAGMA user_version = 1"); // writes the file, so that it exists before any suite runs
        }

        @Override
        public ConnectorProvider provider() {
            return provider;
        }

        @Override
        public ConnectionSettings settings() {
            return new ConnectionSettings(Map.of(DatabaseFile.PATH, file.toString()), Map.of());
        }

        /** A file that is not there: the nearest a file gets to an unreachable server. */
        @Override
        public ConnectionSettings unreachable() {
            return new ConnectionSettings(
                    Map.of(DatabaseFile.PATH, folder.resolve("missing.db").toString()), Map.of());
        }

        @Override
        public String schema() {
            return SqliteCatalog.SCHEMA;
        }

        /** The suites' own writing connection; the connector only ever reads. */
        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + file);
        }

        /** SQLite has no typed literals: a timestamp is the text it keeps. */
        @Override
        public String timestampLiteral(String text) {
            return "'" + text + "'";
        }

        /**
         * SQLite's types are affinities: a declared type names the kind a column lands as, and the
         * values are what SQLite stores for them (a NUMERIC keeps 12.50 as the real 12.5, a CHAR(3)
         * does not pad).
         */
        @Override
        public List<TypeCase> typeCases() {
            return List.of(
                    new TypeCase("smallint", "-32768", Kind.SMALLINT, "-32768"),
                    new TypeCase("int", "2147483647", Kind.INTEGER, "2147483647"),
                    new TypeCase("integer", "9223372036854775807", Kind.BIGINT, "9223372036854775807"),
                    new TypeCase("bigint", "-9223372036854775808", Kind.BIGINT, "-9223372036854775808"),
                    new TypeCase("boolean", "TRUE", Kind.BOOLEAN, "t"),
                    new TypeCase("boolean", "0", Kind.BOOLEAN, "f"),
                    new TypeCase("numeric(10,2)", "'12.50'", Kind.DECIMAL, "12.5"),
                    new TypeCase("decimal", "42", Kind.DECIMAL, "42"),
                    new TypeCase("real", "1.5e20", Kind.DOUBLE, "1.5e+20"),
                    new TypeCase("double precision", "0.1", Kind.DOUBLE, "0.1"),
                    new TypeCase("float", "100", Kind.DOUBLE, "100"),
                    new TypeCase("float", "0.00001", Kind.DOUBLE, "1e-05"),
                    new TypeCase("float", "4.9e-324", Kind.DOUBLE, "5e-324"),
                    new TypeCase("varchar(10)", "'ünïcødé😀'", Kind.STRING, "ünïcødé😀"),
                    new TypeCase(
                            "text",
                            "'tab\there\nline \\ back ''quoted'''",
                            Kind.STRING,
                            "tab\there\nline \\ back 'quoted'"),
                    new TypeCase("clob", "''", Kind.STRING, ""),
                    new TypeCase("char(3)", "'ab'", Kind.STRING, "ab"),
                    new TypeCase("", "7", Kind.STRING, "7"),
                    new TypeCase("json", "'{\"a\":[1,null]}'", Kind.STRING, "{\"a\":[1,null]}"),
                    new TypeCase("blob", "X'00ff10'", Kind.BINARY, "\\x00ff10"),
                    new TypeCase("date", "'2024-02-29'", Kind.DATE, "2024-02-29"),
                    new TypeCase(
                            "datetime", "'2024-02-29 13:45:00.123456'", Kind.TIMESTAMP, "2024-02-29 13:45:00.123456"),
                    new TypeCase("timestamp", "'2024-02-29T13:45:00.500'", Kind.TIMESTAMP, "2024-02-29 13:45:00.5"),
                    new TypeCase("timestamp", "datetime(0, 'unixepoch')", Kind.TIMESTAMP, "1970-01-01 00:00:00"));
        }
    }
}
