package io.millrace.connector.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.RowWriter;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL as a target: the types it creates and COPY writing on a real server. */
class PostgresTargetDialectTest {
    private static TestPostgres postgres;
    private final PostgresTargetDialect dialect = new PostgresTargetDialect();
    private Connection connection;

    /**
     * A column of the source table, its values in rows 1 and 2 (row 3 is all NULL), and the type it
     * lands with when that is not the source's own.
     */
    private record Sample(String name, String declaredType, String landedType, String first, String second) {
        static Sample kept(String name, String declaredType, String first, String second) {
            return new Sample(name, declaredType, null, first, second);
        }
    }

    private static final List<Sample> SAMPLES = List.of(
            Sample.kept("flag", "boolean", "t", "f"),
            Sample.kept("small", "smallint", "-32768", "32767"),
            Sample.kept("medium", "integer", "-2147483648", "2147483647"),
            Sample.kept("big", "bigint", "-9223372036854775808", "9223372036854775807"),
            Sample.kept("amount", "numeric(40,10)", "12345678901234567890.1234567890", "NaN"),
            Sample.kept("anything", "numeric", "-0.000000000000000000000000000001", "-Infinity"),
            Sample.kept("ratio", "real", "3.4028235e+38", "NaN"),
            Sample.kept("measure", "double precision", "3.141592653589793", "-Infinity"),
            Sample.kept("price", "money", "$1,234.56", "-$0.01"),
            Sample.kept("code", "character(5)", "ab   ", "äöü  "),
            Sample.kept("label", "varchar(40)", "tab\there", "line\nbreak\r\n back\\slash"),
            Sample.kept("note", "text", "Grüße 🙂 中文", ""),
            Sample.kept("data", "bytea", "\\x00ff00", "\\x"),
            Sample.kept("day", "date", "0044-03-15 BC", "infinity"),
            Sample.kept("at", "time", "24:00:00", "13:45:00.123456"),
            Sample.kept("at_zoned", "time(3) with time zone", "13:45:00.5-03:30", "01:02:03+05:30:15"),
            Sample.kept("happened", "timestamp", "2024-02-29 13:45:00.123456", "-infinity"),
            Sample.kept(
                    "happened_zoned",
                    "timestamp(3) with time zone",
                    "2024-02-29 11:45:00.123+00",
                    "0044-03-15 10:00:00+00 BC"),
            Sample.kept("span", "interval", "P1Y2M3DT4H5M6.5S", "P-1Y-2M3DT-4H-5M-6S"),
            Sample.kept("span_fields", "interval day to second(3)", "P3DT4H5M6.125S", "PT0S"),
            Sample.kept("id", "uuid", "0e6d1a6e-3f2b-4c1d-9a8e-7b6c5d4e3f2a", "00000000-0000-0000-0000-000000000000"),
            Sample.kept("doc", "jsonb", "{\"a\": [1, 2.5], \"b\": \"ü\"}", "[]"),
            Sample.kept("raw_doc", "json", "{\"b\":1,  \"a\":2}", "null"),
            Sample.kept("numbers", "integer[]", "{1,NULL,3}", "{{1,2},{3,4}}"),
            Sample.kept("words", "text[]", "{\"a b\",NULL,\"c\\\"d\",\"tab\tback\\\\slash\"}", "{}"),
            Sample.kept("labels", "varchar(10)[]", "{x,\"y z\"}", "{NULL}"),
            Sample.kept(
                    "stamps",
                    "timestamp(3) with time zone[]",
                    "{\"2024-02-29 11:45:00.123+00\",infinity}",
                    "{\"0044-03-15 10:00:00+00 BC\"}"),
            Sample.kept("address", "inet", "192.168.0.1/24", "::1"),
            Sample.kept("network", "cidr", "10.0.0.0/8", "2001:db8::/32"),
            Sample.kept("mac", "macaddr", "08:00:2b:01:02:03", "ff:ff:ff:ff:ff:ff"),
            Sample.kept("bits", "bit(3)", "101", "000"),
            Sample.kept("more_bits", "bit varying(5)", "1", "10101"),
            Sample.kept("search", "tsvector", "'cat':3 'fat':2", "'a' 'b'"),
            Sample.kept("range", "int4range", "[1,5)", "empty"),
            Sample.kept("periods", "tstzmultirange", "{[\"2024-01-01 00:00:00+00\",\"2024-02-01 00:00:00+00\")}", "{}"),
            Sample.kept("spot", "point", "(1,2)", "(-1.5,0)"),
            Sample.kept("markup", "xml", "<a b=\"1\">x</a>", "text"),
            new Sample("mood", "source.mood", "text", "happy", "sad"),
            new Sample("positive", "source.positive", "numeric(10,3)", "1.500", "2.000"),
            new Sample("moods", "source.mood[]", "text", "{happy,sad}", "{}"),
            new Sample("letter", "\"char\"", "text", "a", "\\"));

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.startLogical();
        postgres.execute(
                "CREATE SCHEMA source",
                "CREATE TYPE source.mood AS ENUM ('happy', 'sad')",
                "CREATE DOMAIN source.positive AS numeric(10,3) CHECK (VALUE > 0)",
                "CREATE TABLE source.every_type (position integer, "
                        + SAMPLES.stream()
                                .map(sample -> sample.name() + " " + sample.declaredType())
                                .collect(Collectors.joining(", "))
                        + ")");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void open() throws SQLException {
        connection = dialect.open(postgres.settings());
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void recognizesBuiltInTypesAsFormatTypeNamesThem() {
        assertThat(List.of(
                        "integer[]",
                        "character varying(40)",
                        "character varying",
                        "numeric(12,2)",
                        "numeric(5,-2)",
                        "timestamp(3) with time zone",
                        "time without time zone",
                        "bit varying(5)",
                        "double precision[]",
                        "interval day to second(3)",
                        "tstzmultirange"))
                .allMatch(PostgresTargetDialect::isBuiltIn);
        assertThat(List.of(
                        "mood",
                        "shop.mood",
                        "shop.mood[]",
                        "public.inet",
                        "\"char\"",
                        "\"Mood\"",
                        "regclass",
                        "oid",
                        "Integer",
                        "text with time zone",
                        "character varying(40",
                        "integer); DROP TABLE y; --",
                        "integer[] DEFAULT 1",
                        ""))
                .noneMatch(PostgresTargetDialect::isBuiltIn);
    }

    @Test
    void keepsBuiltInTypesOfPostgresSourcesOnly() {
        ColumnDescription numbers = new ColumnDescription("n", "integer[]", PortableType.of(Kind.ARRAY), true);
        ColumnDescription mood = new ColumnDescription("m", "mood", PortableType.of(Kind.STRING), true);

        assertThat(dialect.columnType(numbers, "postgres")).isEqualTo("integer[]");
        assertThat(dialect.columnType(numbers, "h2")).isEqualTo("text");
        assertThat(dialect.columnType(mood, "postgres")).isEqualTo("text");
    }

    @Test
    void mapsEveryPortableKind() {
        assertThat(List.of(
                                PortableType.of(Kind.BOOLEAN),
                                PortableType.of(Kind.SMALLINT),
                                PortableType.of(Kind.INTEGER),
                                PortableType.of(Kind.BIGINT),
                                PortableType.decimal(12, 2),
                                PortableType.decimal(100_000, 2),
                                PortableType.of(Kind.DECIMAL),
                                PortableType.of(Kind.REAL),
                                PortableType.of(Kind.DOUBLE),
                                PortableType.string(40),
                                PortableType.string(1_000_000_000),
                                PortableType.of(Kind.STRING),
                                PortableType.of(Kind.BINARY),
                                PortableType.of(Kind.DATE),
                                precise(Kind.TIME, 3),
                                PortableType.of(Kind.TIME),
                                precise(Kind.TIME_TZ, 0),
                                precise(Kind.TIMESTAMP, 9),
                                precise(Kind.TIMESTAMP_TZ, 6),
                                PortableType.of(Kind.INTERVAL),
                                PortableType.of(Kind.UUID),
                                PortableType.of(Kind.JSON),
                                PortableType.of(Kind.ARRAY))
                        .stream()
                        .map(type -> dialect.columnType(new ColumnDescription("c", "ARRAY[5]", type, true), "h2"))
                        .toList())
                .containsExactly(
                        "boolean",
                        "smallint",
                        "integer",
                        "bigint",
                        "numeric(12,2)",
                        "numeric",
                        "numeric",
                        "real",
                        "double precision",
                        "varchar(40)",
                        "text",
                        "text",
                        "bytea",
                        "date",
                        "time(3)",
                        "time",
                        "time(0) with time zone",
                        "timestamp(6)",
                        "timestamptz(6)",
                        "interval",
                        "uuid",
                        "jsonb",
                        "text");
    }

    @Test
    void everyTypeLandsAsTheSourceHasItAndEveryValueAsItsTextWas() throws SQLException {
        TableDescription source = new PostgresCatalog()
                .tables(postgres.settings()).stream()
                        .filter(table ->
                                table.schema().equals("source") && table.name().equals("every_type"))
                        .findFirst()
                        .orElseThrow();
        create("landing", "every_type", source.columns());
        connection.setAutoCommit(false);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "every_type", source.columns())) {
            writer.write(row("1", SAMPLES.stream().map(Sample::first)));
            writer.write(row("2", SAMPLES.stream().map(Sample::second)));
            writer.write(new String[source.columns().size()]);
            assertThat(writer.finish()).isEqualTo(3);
        }
        connection.commit();

        assertThat(strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                        + " WHERE attrelid = 'landing.every_type'::regclass AND attnum > 1 ORDER BY attnum"))
                .containsExactlyElementsOf(SAMPLES.stream()
                        .map(sample -> sample.landedType() != null
                                ? sample.landedType()
                                : source.columns()
                                        .get(SAMPLES.indexOf(sample) + 1)
                                        .sourceType())
                        .toList());
        // Read without casts, as the types' output functions write them: some casts to text differ
        // (a boolean becomes true, character(n) loses its padding, inet shows its mask).
        assertThat(rows("SELECT " + SAMPLES.stream().map(Sample::name).collect(Collectors.joining(", "))
                        + " FROM landing.every_type ORDER BY position NULLS LAST"))
                .containsExactly(
                        SAMPLES.stream().map(Sample::first).toList(),
                        SAMPLES.stream().map(Sample::second).toList(),
                        SAMPLES.stream().map(sample -> (String) null).toList());
    }

    @Test
    void anyTextRoundTripsThroughTheEscapesAndTheBuffer() throws SQLException {
        List<ColumnDescription> columns = List.of(
                column("id", PortableType.of(Kind.INTEGER)),
                column("value", PortableType.of(Kind.STRING)),
                column("other", PortableType.of(Kind.STRING)));
        create("landing", "texts", columns);
        String[] alphabet = {"a", "Z", " ", "\t", "\n", "\r", "\\", "\\N", "\\.", "N", "ä", "€", "中", "🙂", "\u0001"};
        Random random = new Random(20240229);
        List<List<String>> written = new ArrayList<>();
        for (int id = 0; id < 3000; id++) {
            written.add(List.of(
                    Integer.toString(id),
                    text(random, alphabet, random.nextInt(200)),
                    id % 500 == 0 ? text(random, alphabet, 100_000) : text(random, alphabet, 3)));
        }
        // A surrogate pair across the end of an encoding segment.
        written.add(List.of("3000", "a".repeat(4095) + "🙂" + "b".repeat(5000), "\\"));
        written.add(List.of("3001", "", "\\N"));
        connection.setAutoCommit(false);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "texts", columns)) {
            for (List<String> row : written) {
                writer.write(row.toArray(String[]::new));
            }
            assertThat(writer.finish()).isEqualTo(written.size());
        }
        connection.commit();

        assertThat(rows("SELECT id, value, other FROM landing.texts ORDER BY id"))
                .containsExactlyElementsOf(written);
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarksAsInStringGetBytes() throws SQLException {
        List<ColumnDescription> columns = List.of(column("value", PortableType.of(Kind.STRING)));
        create("landing", "surrogates", columns);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "surrogates", columns)) {
            writer.write(new String[] {"a\uD83Db\uDE42c\uD83D"});
            writer.finish();
        }

        assertThat(strings("SELECT value FROM landing.surrogates")).containsExactly("a?b?c?");
    }

    @Test
    void oddNamesAreQuotedExactly() throws SQLException {
        postgres.execute("CREATE TABLE public.y (id integer)");
        List<ColumnDescription> columns =
                List.of(column("Ärger", PortableType.of(Kind.STRING)), column("MixedCase", PortableType.of(Kind.JSON)));
        for (String table : List.of("x\"; drop table y; --", "Ärger MixedCase")) {
            create("Schema Ü", table, columns);
            try (RowWriter writer = dialect.rowWriter(connection, "Schema Ü", table, columns)) {
                writer.write(new String[] {"viel", "{\"a\": 1}"});
                writer.finish();
            }
        }

        assertThat(rows("SELECT \"Ärger\", \"MixedCase\"::text FROM \"Schema Ü\".\"x\"\"; drop table y; --\""
                        + " UNION ALL SELECT \"Ärger\", \"MixedCase\"::text FROM \"Schema Ü\".\"Ärger MixedCase\""))
                .containsExactly(List.of("viel", "{\"a\": 1}"), List.of("viel", "{\"a\": 1}"));
        assertThat(strings("SELECT count(*) FROM public.y")).containsExactly("0");
    }

    @Test
    void creatingATableTwiceKeepsTheFirstAndItsRows() throws SQLException {
        List<ColumnDescription> columns = List.of(column("id", PortableType.of(Kind.INTEGER)));
        create("landing", "twice", columns);
        try (RowWriter writer = dialect.rowWriter(connection, "landing", "twice", columns)) {
            writer.write(new String[] {"1"});
            writer.finish();
        }

        create("landing", "twice", columns);

        assertThat(strings("SELECT id::text FROM landing.twice")).containsExactly("1");
    }

    @Test
    void closingWithoutFinishingLeavesNothingAfterTheRollback() throws SQLException {
        List<ColumnDescription> columns =
                List.of(column("id", PortableType.of(Kind.INTEGER)), column("note", PortableType.of(Kind.STRING)));
        create("landing", "abandoned", columns);
        connection.setAutoCommit(false);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "abandoned", columns)) {
            for (int i = 0; i < 20_000; i++) {
                writer.write(new String[] {Integer.toString(i), "x".repeat(100)});
            }
        }
        connection.rollback();

        assertThat(strings("SELECT count(*) FROM landing.abandoned")).containsExactly("0");
    }

    @Test
    void aValueTheColumnTypeRefusesFailsTheCopyWithTheServersReason() throws SQLException {
        List<ColumnDescription> columns = List.of(column("id", PortableType.of(Kind.INTEGER)));
        create("landing", "refused", columns);
        connection.setAutoCommit(false);

        try (RowWriter writer = dialect.rowWriter(connection, "landing", "refused", columns)) {
            writer.write(new String[] {"1"});
            writer.write(new String[] {"one"});
            assertThatThrownBy(writer::finish)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"));
        }
        connection.rollback();

        assertThat(strings("SELECT count(*) FROM landing.refused")).containsExactly("0");
    }

    private void create(String schema, String table, List<ColumnDescription> columns) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : dialect.createSchema(schema)) {
                statement.execute(sql);
            }
            for (String sql : dialect.createTable(schema, table, columns, "postgres")) {
                statement.execute(sql);
            }
        }
    }

    private List<String> strings(String query) throws SQLException {
        return rows(query).stream().map(row -> row.get(0)).toList();
    }

    private List<List<String>> rows(String query) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String[] row(String position, Stream<String> values) {
        return Stream.concat(Stream.of(position), values).toArray(String[]::new);
    }

    private static String text(Random random, String[] alphabet, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    private static ColumnDescription column(String name, PortableType type) {
        return new ColumnDescription(name, "not a PostgreSQL type", type, true);
    }

    private static PortableType precise(Kind kind, int precision) {
        return new PortableType(kind, OptionalInt.empty(), OptionalInt.of(precision), OptionalInt.empty());
    }
}
