package io.millrace.connector.h2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TargetDialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class H2TargetDialectTest {
    private final TargetDialect dialect = new H2ConnectorProvider().target().orElseThrow();
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = dialect.open(new ConnectionSettings(Map.of("url", "jdbc:h2:mem:" + UUID.randomUUID()), Map.of()));
        for (String statement : dialect.createSchema("landing")) {
            execute(statement);
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void createsAColumnOfTheMappedTypeForEveryKind() throws SQLException {
        List<ColumnDescription> columns = List.of(
                column("flag", PortableType.of(Kind.BOOLEAN)),
                column("small", PortableType.of(Kind.SMALLINT)),
                column("medium", PortableType.of(Kind.INTEGER)),
                column("big", PortableType.of(Kind.BIGINT)),
                column("amount", PortableType.decimal(12, 2)),
                column("anything", PortableType.of(Kind.DECIMAL)),
                column("ratio", PortableType.of(Kind.REAL)),
                column("measure", PortableType.of(Kind.DOUBLE)),
                column("code", PortableType.string(5)),
                column("note", PortableType.of(Kind.STRING)),
                column("data", PortableType.of(Kind.BINARY)),
                column("day", PortableType.of(Kind.DATE)),
                column("at", precise(Kind.TIME, 3)),
                column("at_zoned", PortableType.of(Kind.TIME_TZ)),
                column("happened", PortableType.of(Kind.TIMESTAMP)),
                column("happened_zoned", precise(Kind.TIMESTAMP_TZ, 0)),
                column("span", PortableType.of(Kind.INTERVAL)),
                column("id", PortableType.of(Kind.UUID)),
                column("doc", PortableType.of(Kind.JSON)),
                column("list", PortableType.of(Kind.ARRAY)));

        createTable("every_kind", columns);

        List<String> types = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,
                               DATETIME_PRECISION
                        FROM INFORMATION_SCHEMA.COLUMNS
                        WHERE TABLE_SCHEMA = 'landing' AND TABLE_NAME = 'every_kind' ORDER BY ORDINAL_POSITION""")) {
            while (rows.next()) {
                types.add(rows.getString(1)
                        + (rows.getString(1).startsWith("CHARACTER") ? " " + rows.getLong(2) : "")
                        + (rows.getString(1).equals("NUMERIC") ? " " + rows.getInt(3) + "," + rows.getInt(4) : "")
                        + (rows.getString(1).startsWith("TIME") ? " " + rows.getInt(5) : ""));
            }
        }
        assertThat(types)
                .containsExactly(
                        "BOOLEAN",
                        "SMALLINT",
                        "INTEGER",
                        "BIGINT",
                        "NUMERIC 12,2",
                        "DECFLOAT",
                        "REAL",
                        "DOUBLE PRECISION",
                        "CHARACTER VARYING 5",
                        "CHARACTER VARYING 1000000000",
                        "BINARY VARYING",
                        "DATE",
                        "TIME 3",
                        "TIME WITH TIME ZONE 6",
                        "TIMESTAMP 6",
                        "TIMESTAMP WITH TIME ZONE 0",
                        "CHARACTER VARYING 1000000000",
                        "UUID",
                        "JSON",
                        "CHARACTER VARYING 1000000000");
    }

    @Test
    void writesARowOfEveryKindAndARowOfNulls() throws SQLException {
        List<ColumnDescription> columns = List.of(
                column("flag", PortableType.of(Kind.BOOLEAN)),
                column("amount", PortableType.decimal(12, 2)),
                column("note", PortableType.of(Kind.STRING)),
                column("day", PortableType.of(Kind.DATE)),
                column("happened_zoned", PortableType.of(Kind.TIMESTAMP_TZ)),
                column("span", PortableType.of(Kind.INTERVAL)),
                column("id", PortableType.of(Kind.UUID)),
                column("doc", PortableType.of(Kind.JSON)),
                column("list", PortableType.of(Kind.ARRAY)));
        createTable("mixed", columns);
        connection.setAutoCommit(false);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "mixed", columns)) {
            writer.write(new String[] {
                "t",
                "-12.50",
                "Grüße 🙂",
                "1969-07-20",
                "2024-02-29 11:45:00.123456+00",
                "P1Y-2M3DT4H5M6.5S",
                "0e6d1a6e-3f2b-4c1d-9a8e-7b6c5d4e3f2a",
                "{\"a\": [1, 2.5], \"b\": \"ü\"}",
                "{1,NULL,\"a b\"}"
            });
            writer.write(new String[columns.size()]);
            assertThat(writer.finish()).isEqualTo(2);
        }
        connection.commit();

        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT *, \"doc\" IS JSON OBJECT FROM \"landing\".\"mixed\""
                        + " ORDER BY \"flag\" NULLS LAST")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getObject("flag")).isEqualTo(true);
            assertThat(rows.getBigDecimal("amount")).isEqualTo(new BigDecimal("-12.50"));
            assertThat(rows.getString("note")).isEqualTo("Grüße 🙂");
            assertThat(rows.getObject("day", LocalDate.class)).isEqualTo(LocalDate.of(1969, 7, 20));
            assertThat(rows.getObject("happened_zoned", OffsetDateTime.class))
                    .isEqualTo(OffsetDateTime.of(2024, 2, 29, 11, 45, 0, 123_456_000, ZoneOffset.UTC));
            assertThat(rows.getString("span")).isEqualTo("P1Y-2M3DT4H5M6.5S");
            assertThat(rows.getObject("id")).isEqualTo(UUID.fromString("0e6d1a6e-3f2b-4c1d-9a8e-7b6c5d4e3f2a"));
            assertThat(rows.getString("doc")).isEqualTo("{\"a\":[1,2.5],\"b\":\"ü\"}");
            assertThat(rows.getBoolean(columns.size() + 1))
                    .as("doc is a JSON object")
                    .isTrue();
            assertThat(rows.getString("list")).isEqualTo("{1,NULL,\"a b\"}");
            assertThat(rows.next()).isTrue();
            for (int i = 1; i <= columns.size(); i++) {
                assertThat(rows.getObject(i)).as(columns.get(i - 1).name()).isNull();
            }
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void numbersKeepTheirEdgeValues() throws SQLException {
        assertThat(roundTrip(PortableType.of(Kind.BOOLEAN), Boolean.class, "t", "f"))
                .containsExactly(true, false);
        assertThat(roundTrip(PortableType.of(Kind.SMALLINT), Short.class, "-32768", "32767"))
                .containsExactly((short) -32768, (short) 32767);
        assertThat(roundTrip(PortableType.of(Kind.INTEGER), Integer.class, "-2147483648", "2147483647"))
                .containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE);
        assertThat(roundTrip(PortableType.of(Kind.BIGINT), Long.class, "-9223372036854775808", "9223372036854775807"))
                .containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(roundTrip(
                        PortableType.decimal(40, 10),
                        BigDecimal.class,
                        "12345678901234567890.1234567890",
                        "-0.0000000001",
                        "0.0000000000"))
                .containsExactly(
                        new BigDecimal("12345678901234567890.1234567890"),
                        new BigDecimal("-0.0000000001"),
                        new BigDecimal("0E-10"));
        assertThat(roundTrip(PortableType.of(Kind.REAL), Float.class, "3.4028235e+38", "1.4e-45", "NaN", "Infinity"))
                .containsExactly(Float.MAX_VALUE, Float.MIN_VALUE, Float.NaN, Float.POSITIVE_INFINITY);
        assertThat(roundTrip(
                        PortableType.of(Kind.DOUBLE),
                        Double.class,
                        "3.141592653589793",
                        "1.5e+300",
                        "NaN",
                        "Infinity",
                        "-Infinity"))
                .containsExactly(Math.PI, 1.5e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void negativeZeroBecomesZeroBecauseH2StoresNoSignedZero() throws SQLException {
        assertThat(roundTrip(PortableType.of(Kind.REAL), Float.class, "-0")).containsExactly(0.0f);
        assertThat(roundTrip(PortableType.of(Kind.DOUBLE), Double.class, "-0")).containsExactly(0.0);
    }

    @Test
    void decimalsWithoutPrecisionKeepEveryDigitAndTheSpecialValues() throws SQLException {
        assertThat(roundTrip(
                        PortableType.of(Kind.DECIMAL),
                        String.class,
                        "12345678901234567890.123456789",
                        "-0.000000000000000000000000000001",
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        null))
                .containsExactly("12345678901234567890.123456789", "-1E-30", "NaN", "Infinity", "-Infinity", null);
    }

    @Test
    void stringsAndBinariesKeepEveryCharacterAndByte() throws SQLException {
        assertThat(roundTrip(
                        PortableType.of(Kind.STRING),
                        String.class,
                        "tab\there, line\nbreak, back\\slash, quote ' \"",
                        "Ärger 🙂 中文",
                        ""))
                .containsExactly("tab\there, line\nbreak, back\\slash, quote ' \"", "Ärger 🙂 中文", "");
        assertThat(roundTrip(PortableType.of(Kind.BINARY), byte[].class, "\\x00ff0010", "\\x"))
                .containsExactly(new byte[] {0, (byte) 0xff, 0, 0x10}, new byte[0]);
    }

    @Test
    void datesBeforeTheCommonEraAndInfinitiesAreWritten() throws SQLException {
        assertThat(roundTrip(
                        PortableType.of(Kind.DATE),
                        LocalDate.class,
                        "1969-07-20",
                        "0001-01-01",
                        "0001-12-31 BC",
                        "0044-03-15 BC",
                        "12345-06-07",
                        "infinity",
                        "-infinity"))
                .containsExactly(
                        LocalDate.of(1969, 7, 20),
                        LocalDate.of(1, 1, 1),
                        LocalDate.of(0, 12, 31),
                        LocalDate.of(-43, 3, 15),
                        LocalDate.of(12345, 6, 7),
                        LocalDate.of(999_999_999, 12, 31),
                        LocalDate.of(-999_999_999, 1, 1));
    }

    @Test
    void timesKeepTheirFractionsAndOffsets() throws SQLException {
        assertThat(roundTrip(PortableType.of(Kind.TIME), LocalTime.class, "13:45:00.123456", "00:00:00", "24:00:00"))
                .containsExactly(
                        LocalTime.of(13, 45, 0, 123_456_000),
                        LocalTime.MIDNIGHT,
                        LocalTime.of(23, 59, 59, 999_999_000));
        assertThat(roundTrip(precise(Kind.TIME, 0), LocalTime.class, "24:00:00"))
                .containsExactly(LocalTime.of(23, 59, 59));
        assertThat(roundTrip(
                        PortableType.of(Kind.TIME_TZ),
                        OffsetTime.class,
                        "13:45:00+02",
                        "13:45:00.5-03:30",
                        "01:02:03.000004+05:30:15",
                        "24:00:00-12"))
                .containsExactly(
                        OffsetTime.of(13, 45, 0, 0, ZoneOffset.ofHours(2)),
                        OffsetTime.of(13, 45, 0, 500_000_000, ZoneOffset.ofHoursMinutes(-3, -30)),
                        OffsetTime.of(1, 2, 3, 4_000, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)),
                        OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.ofHours(-12)));
    }

    @Test
    void timestampsKeepMicrosecondsEraAndOffsets() throws SQLException {
        assertThat(roundTrip(
                        PortableType.of(Kind.TIMESTAMP),
                        LocalDateTime.class,
                        "2024-02-29 13:45:00.123456",
                        "1900-01-01 00:00:00.000001",
                        "0044-03-15 12:00:00 BC",
                        "infinity",
                        "-infinity"))
                .containsExactly(
                        LocalDateTime.of(2024, 2, 29, 13, 45, 0, 123_456_000),
                        LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000),
                        LocalDateTime.of(-43, 3, 15, 12, 0),
                        LocalDateTime.of(999_999_999, 12, 31, 23, 59, 59, 999_999_000),
                        LocalDateTime.of(-999_999_999, 1, 1, 0, 0));
        assertThat(roundTrip(
                        PortableType.of(Kind.TIMESTAMP_TZ),
                        OffsetDateTime.class,
                        "2024-02-29 11:45:00.123456+00",
                        "1850-06-01 08:00:00+05:30",
                        "0044-03-15 10:00:00+00 BC",
                        "infinity",
                        "-infinity"))
                .containsExactly(
                        OffsetDateTime.of(2024, 2, 29, 11, 45, 0, 123_456_000, ZoneOffset.UTC),
                        OffsetDateTime.of(1850, 6, 1, 8, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                        OffsetDateTime.of(-43, 3, 15, 10, 0, 0, 0, ZoneOffset.UTC),
                        OffsetDateTime.of(999_999_999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC),
                        OffsetDateTime.of(-999_999_999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void uuidsIntervalsAndArraysAreKept() throws SQLException {
        assertThat(roundTrip(PortableType.of(Kind.UUID), UUID.class, "0e6d1a6e-3f2b-4c1d-9a8e-7b6c5d4e3f2a"))
                .containsExactly(UUID.fromString("0e6d1a6e-3f2b-4c1d-9a8e-7b6c5d4e3f2a"));
        assertThat(roundTrip(PortableType.of(Kind.INTERVAL), String.class, "P-1Y2M3DT-4H5M6.5S", "PT0S"))
                .containsExactly("P-1Y2M3DT-4H5M6.5S", "PT0S");
        assertThat(roundTrip(PortableType.of(Kind.ARRAY), String.class, "{{1,2},{3,NULL}}", "{\"c\\\"d\",NULL}"))
                .containsExactly("{{1,2},{3,NULL}}", "{\"c\\\"d\",NULL}");
        assertThat(roundTrip(PortableType.of(Kind.JSON), String.class, "[1, {\"a\": null}]", "\"text\"", "null"))
                .containsExactly("[1,{\"a\":null}]", "\"text\"", "null");
    }

    @Test
    void oddNamesAreQuotedExactly() throws SQLException {
        execute("CREATE TABLE \"landing\".\"y\" (\"id\" INTEGER)");
        String table = "x\"; drop table y; --";
        List<ColumnDescription> columns =
                List.of(column("Ärger", PortableType.of(Kind.STRING)), column("MixedCase", PortableType.of(Kind.JSON)));
        createTable(table, columns);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", table, columns)) {
            writer.write(new String[] {"viel", "{}"});
            writer.finish();
        }

        assertThat(strings("SELECT \"Ärger\" || ' ' || \"MixedCase\" FROM \"landing\".\"x\"\"; drop table y; --\""))
                .containsExactly("viel {}");
        assertThat(strings("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'landing'"
                        + " ORDER BY TABLE_NAME"))
                .containsExactly(table, "y");
    }

    @Test
    void creatingATableTwiceKeepsTheFirstAndItsRows() throws SQLException {
        List<ColumnDescription> columns = List.of(column("id", PortableType.of(Kind.INTEGER)));
        createTable("twice", columns);
        try (RowWriter writer = dialect.rowWriter(connection, "landing", "twice", columns)) {
            writer.write(new String[] {"1"});
            writer.finish();
        }

        createTable("twice", columns);
        for (String statement : dialect.createSchema("landing")) {
            execute(statement);
        }

        assertThat(strings("SELECT \"id\" FROM \"landing\".\"twice\"")).containsExactly("1");
    }

    @Test
    void rowsAreSentInBatchesAndAllOnFinish() throws SQLException {
        List<ColumnDescription> columns = List.of(column("id", PortableType.of(Kind.BIGINT)));
        createTable("many", columns);
        connection.setAutoCommit(false);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "many", columns)) {
            for (int i = 0; i < 2500; i++) {
                writer.write(new String[] {Integer.toString(i)});
            }
            assertThat(writer.finish()).isEqualTo(2500);
        }
        connection.commit();

        assertThat(strings("SELECT COUNT(*) || ' ' || SUM(\"id\") FROM \"landing\".\"many\""))
                .containsExactly("2500 " + (2499L * 2500 / 2));
    }

    @Test
    void closingWithoutFinishingLeavesNothingAfterTheRollback() throws SQLException {
        List<ColumnDescription> columns = List.of(column("id", PortableType.of(Kind.BIGINT)));
        createTable("abandoned", columns);
        connection.setAutoCommit(false);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "abandoned", columns)) {
            for (int i = 0; i < 1500; i++) {
                writer.write(new String[] {Integer.toString(i)});
            }
        }
        connection.rollback();

        assertThat(strings("SELECT COUNT(*) FROM \"landing\".\"abandoned\"")).containsExactly("0");
    }

    @Test
    void aMalformedValueNamesTheRowAndColumnButNotTheValue() throws SQLException {
        List<ColumnDescription> columns =
                List.of(column("id", PortableType.of(Kind.INTEGER)), column("secret", PortableType.of(Kind.DATE)));
        createTable("bad", columns);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "bad", columns)) {
            writer.write(new String[] {"1", "2024-01-01"});
            assertThatThrownBy(() -> writer.write(new String[] {"2", "31.12.2024 hunter2"}))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Row 2, column \"secret\"")
                    .hasMessageContaining("date")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void specialDecimalsInADecimalWithPrecisionAreRefusedWithTheReason() throws SQLException {
        List<ColumnDescription> columns = List.of(column("amount", PortableType.decimal(10, 2)));
        createTable("priced", columns);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "priced", columns)) {
            assertThatThrownBy(() -> writer.write(new String[] {"NaN"}))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("column \"amount\"")
                    .hasMessageContaining("decimal without precision");
        }
    }

    @Test
    void forbiddenUrlsAreRefusedBeforeConnecting() {
        assertThatThrownBy(() -> dialect.open(
                        new ConnectionSettings(Map.of("url", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'x'"), Map.of())))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("INIT");
    }

    /** Writes the values into a one-column table and reads them back in order. */
    private <T> List<T> roundTrip(PortableType type, Class<T> javaType, String... values) throws SQLException {
        String table = "round_trip_" + type.kind().name().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID();
        List<ColumnDescription> columns =
                List.of(column("position", PortableType.of(Kind.INTEGER)), column("value", type));
        createTable(table, columns);
        try (RowWriter writer = dialect.rowWriter(connection, "landing", table, columns)) {
            for (int i = 0; i < values.length; i++) {
                writer.write(new String[] {Integer.toString(i), values[i]});
            }
            assertThat(writer.finish()).isEqualTo(values.length);
        }
        List<T> read = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT \"value\" FROM " + dialect.qualify("landing", table) + " ORDER BY \"position\"")) {
            while (rows.next()) {
                read.add(rows.getObject(1, javaType));
            }
        }
        assertThat(read).as(Arrays.toString(values)).hasSize(values.length);
        return read;
    }

    private void createTable(String table, List<ColumnDescription> columns) throws SQLException {
        for (String statement : dialect.createTable("landing", table, columns, "postgres")) {
            execute(statement);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> strings(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static ColumnDescription column(String name, PortableType type) {
        return new ColumnDescription(name, "ignored by H2", type, true);
    }

    private static PortableType precise(Kind kind, int precision) {
        return new PortableType(kind, OptionalInt.empty(), OptionalInt.of(precision), OptionalInt.empty());
    }
}
