package io.millrace.connector.mariadb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MariaDB target dialect against a real MariaDB 10.11: types, values, names and SQL forms. */
class MariaDbTargetDialectTest {
    private static final PortableType MICROS_TZ =
            new PortableType(Kind.TIMESTAMP_TZ, OptionalInt.empty(), OptionalInt.of(6), OptionalInt.empty());
    private static TestMariaDb mariaDb;

    private final TargetDialect dialect =
            new MariaDbConnectorProvider().target().orElseThrow();
    private Connection connection;

    @BeforeAll
    static void startServer() throws Exception {
        mariaDb = TestMariaDb.start(false);
    }

    @AfterAll
    static void stopServer() throws Exception {
        mariaDb.close();
    }

    @BeforeEach
    void open() throws SQLException {
        connection = dialect.open(mariaDb.settings("admin", "admin-password"));
        execute("DROP DATABASE IF EXISTS `landing`");
        dialect.createSchema("landing").forEach(this::execute);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void everyKindLandsAsItsValueOrTheNearestMariaDbHolds() throws SQLException {
        List<ColumnDescription> columns = List.of(
                column("flag", PortableType.of(Kind.BOOLEAN)),
                column("small", PortableType.of(Kind.SMALLINT)),
                column("medium", PortableType.of(Kind.INTEGER)),
                column("big", PortableType.of(Kind.BIGINT)),
                column("amount", PortableType.decimal(12, 2)),
                column("anything", PortableType.of(Kind.DECIMAL)),
                column("ratio", PortableType.of(Kind.REAL)),
                column("measure", PortableType.of(Kind.DOUBLE)),
                column("name", PortableType.string(20)),
                column("essay", PortableType.of(Kind.STRING)),
                column("raw", PortableType.of(Kind.BINARY)),
                column("day", PortableType.of(Kind.DATE)),
                column("clock", PortableType.of(Kind.TIME)),
                column("clock_tz", PortableType.of(Kind.TIME_TZ)),
                column("moment", PortableType.of(Kind.TIMESTAMP)),
                column("instant", MICROS_TZ),
                column("span", PortableType.of(Kind.INTERVAL)),
                column("id", PortableType.of(Kind.UUID)),
                column("doc", PortableType.of(Kind.JSON)),
                column("list", PortableType.of(Kind.ARRAY)));
        dialect.createTable("landing", "every`kind", columns, "postgres").forEach(this::execute);
        try (RowWriter writer = dialect.rowWriter(connection, "landing", "every`kind", columns)) {
            writer.write(new String[] {
                "t",
                "-32768",
                "2147483647",
                "-9223372036854775808",
                "-12.50",
                "123456789012345678901234.5678",
                "1.5e+20",
                "-0.1",
                "Zoë 😀",
                "x".repeat(100_000),
                "\\x00ff10",
                "infinity",
                "24:00:00",
                "13:45:00+02",
                "2024-02-29 13:45:00.123456",
                "2024-02-29 23:45:00.5+00",
                "P1Y2M3DT4H5M6.5S",
                "0e6d1a6e-0000-4000-8000-000000000001",
                "{\"a\": [1, 2]}",
                "{1,NULL,\"a b\"}"
            });
            writer.write(new String[columns.size()]);
            assertThat(writer.finish()).isEqualTo(2);
        }
        assertThat(rows("SELECT flag, small, medium, big, amount, anything, ratio, measure, name, LENGTH(essay),"
                        + " HEX(raw), day, clock, clock_tz, moment, instant, span, id, doc, list"
                        + " FROM landing.`every``kind` ORDER BY flag DESC"))
                .containsExactly(
                        "1|-32768|2147483647|-9223372036854775808|-12.50|123456789012345678901234.567800000000000000000000000000"
                                + "|1.5e20|-0.1|Zoë 😀|100000|00FF10|9999-12-31|24:00:00.000000|13:45:00+02"
                                + "|2024-02-29 13:45:00.123456|2024-02-29 23:45:00.500000|P1Y2M3DT4H5M6.5S"
                                + "|0e6d1a6e-0000-4000-8000-000000000001|{\"a\": [1, 2]}|{1,NULL,\"a b\"}",
                        "null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null|null");
    }

    @Test
    void aTimestampWithTimeZoneIsStoredInUtcAndReadAsTheSameInstant() throws SQLException {
        List<ColumnDescription> columns = List.of(column("instant", MICROS_TZ));
        dialect.createTable("landing", "instants", columns, "postgres").forEach(this::execute);
        try (RowWriter writer = dialect.rowWriter(connection, "landing", "instants", columns)) {
            writer.write(new String[] {"2024-02-29 23:45:00.5-03:30"});
            writer.finish();
        }
        assertThat(rows("SELECT CAST(instant AS CHAR) FROM landing.instants"))
                .containsExactly("2024-03-01 03:15:00.500000");
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT instant FROM landing.instants")) {
            row.next();
            assertThat(row.getObject(1, java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(java.time.Instant.parse("2024-03-01T03:15:00.5Z"));
        }
        assertThat(rows("SELECT COUNT(*) FROM landing.instants WHERE instant = "
                        + dialect.timestampWithTimeZone(java.time.Instant.parse("2024-03-01T03:15:00.5Z"))))
                .containsExactly("1");
    }

    @Test
    void valuesMariaDbCannotHoldAreRefusedNamingTheColumnAndNotTheValue() throws SQLException {
        List<ColumnDescription> columns =
                List.of(column("amount", PortableType.of(Kind.DECIMAL)), column("day", PortableType.of(Kind.DATE)));
        dialect.createTable("landing", "refused", columns, "postgres").forEach(this::execute);
        try (RowWriter writer = dialect.rowWriter(connection, "landing", "refused", columns)) {
            assertThatThrownBy(() -> writer.write(new String[] {"NaN", null}))
                    .hasMessage("Row 1, column \"amount\": MariaDB numbers hold no NaN and no infinity");
            assertThatThrownBy(() -> writer.write(new String[] {null, "0044-03-15 BC"}))
                    .hasMessage("Row 1, column \"day\": MariaDB dates start at year 1");
            assertThatThrownBy(() -> writer.write(new String[] {"1", "secret-date"}))
                    .hasMessage("Row 1, column \"day\": the value is not a date in canonical text form");
        }
    }

    @Test
    void keysCompareExactlyAndNullSafeEqualityHoldsForNulls() throws SQLException {
        List<ColumnDescription> columns = List.of(column("k", PortableType.string(10)));
        dialect.createTable("landing", "keys", columns, "postgres").forEach(this::execute);
        execute("CREATE UNIQUE INDEX keys_k ON landing.`keys` (k)");
        execute("INSERT INTO landing.`keys` VALUES ('a'), ('A'), ('a '), (NULL)");
        assertThat(rows("SELECT COUNT(*) FROM landing.`keys` l JOIN landing.`keys` r ON "
                        + dialect.sameValue("l.k", "r.k", columns.get(0), "postgres")))
                .containsExactly("4");
    }

    @Test
    void unlimitedTextKeysAreIndexedByAPrefixForLookupsAndWholeWhereUnique() throws SQLException {
        ColumnDescription key = column("k", PortableType.of(Kind.STRING));
        ColumnDescription seq = column("seq", PortableType.of(Kind.BIGINT));
        dialect.createTable("landing", "long_keys", List.of(key, seq), "postgres")
                .forEach(this::execute);
        execute("CREATE INDEX long_keys_lookup ON landing.long_keys ("
                + dialect.indexedColumns(List.of(key, seq), "postgres") + ")");
        execute("CREATE UNIQUE INDEX long_keys_unique ON landing.long_keys (" + dialect.quote("k") + ")");
        String shared = "k".repeat(1000);
        execute("INSERT INTO landing.long_keys VALUES ('" + shared + "a', 1), ('" + shared + "b', 2)");
        assertThatThrownBy(() -> execute("INSERT INTO landing.long_keys VALUES ('" + shared + "a', 3)"))
                .hasRootCauseInstanceOf(java.sql.SQLIntegrityConstraintViolationException.class);
        assertThat(rows("SELECT seq FROM landing.long_keys WHERE k = '" + shared + "b'"))
                .containsExactly("2");
    }

    @Test
    void keyColumnsBeyondInnoDbsLimitShareItInPrefixesAndShortOnesStayWhole() throws SQLException {
        List<ColumnDescription> columns = List.of(
                column("a", PortableType.string(700)),
                column("b", PortableType.string(10)),
                column("c", PortableType.string(700)),
                column("seq", PortableType.of(Kind.BIGINT)));
        dialect.createTable("landing", "wide_keys", columns, "postgres").forEach(this::execute);

        String indexed = dialect.indexedColumns(columns, "postgres");

        // 3072 bytes less 8 for seq and 40 for b leave 378 characters of 4 bytes each to a and c.
        assertThat(indexed).isEqualTo("`a`(378), `b`, `c`(378), `seq`");
        execute("CREATE INDEX wide_keys_lookup ON landing.wide_keys (" + indexed + ")");
        assertThat(dialect.indexedColumns(columns.subList(1, 2), "postgres")).isEqualTo("`b`");
    }

    @Test
    void aColumnWidensInPlaceKeepingItsValuesAndNotNull() throws SQLException {
        ColumnDescription narrow = new ColumnDescription("name", "varchar(5)", PortableType.string(5), false);
        ColumnDescription wide = new ColumnDescription("name", "varchar(50)", PortableType.string(50), false);
        dialect.createTable("landing", "widened", List.of(narrow), "postgres").forEach(this::execute);
        execute("INSERT INTO landing.widened VALUES ('short')");
        dialect.alterColumnType("landing", "widened", wide, "postgres").forEach(this::execute);
        dialect.addColumn("landing", "widened", column("added", PortableType.of(Kind.INTEGER)), "postgres")
                .forEach(this::execute);
        execute("INSERT INTO landing.widened VALUES ('" + "y".repeat(50) + "', 1)");
        assertThat(rows("SELECT COLUMN_TYPE, IS_NULLABLE FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'landing' AND TABLE_NAME = 'widened' ORDER BY ORDINAL_POSITION"))
                .containsExactly("varchar(50)|NO", "int(11)|YES");
    }

    @Test
    void rowsBeyondOneBatchAreAllWritten() throws SQLException {
        List<ColumnDescription> columns = List.of(column("n", PortableType.of(Kind.INTEGER)));
        dialect.createTable("landing", "many", columns, "postgres").forEach(this::execute);
        connection.setAutoCommit(false);
        try (RowWriter writer = dialect.rowWriter(connection, "landing", "many", columns)) {
            for (int n = 1; n <= 2500; n++) {
                writer.write(new String[] {String.valueOf(n)});
            }
            assertThat(writer.finish()).isEqualTo(2500);
        }
        connection.commit();
        assertThat(rows("SELECT COUNT(*), SUM(n) FROM landing.many")).containsExactly("2500|3126250");
    }

    private static ColumnDescription column(String name, PortableType type) {
        return new ColumnDescription(name, type.toString(), type, true);
    }

    private void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= width; i++) {
                    values.add(String.valueOf(result.getString(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
