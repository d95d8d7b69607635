package io.millrace.connector.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.CanonicalText;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The canonical forms are PostgreSQL's output, which this connector passes through: the SPI's
 * {@link CanonicalText}, which every other source uses, writes what a real PostgreSQL writes for the
 * same values, edge cases and a few thousand random ones.
 */
class CanonicalTextAgainstPostgresTest {
    private static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);

    private static EmbeddedPostgres postgres;
    private static Connection connection;
    private final Random random = new Random(20240229);

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        connection = postgres.getPostgresDatabase().getConnection();
        try (Statement statement = connection.createStatement()) {
            // The session the connector reads in (PostgresConnection); extra_float_digits > 0 is the shortest-exact
            // output.
            statement.execute("SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET bytea_output = 'hex'");
        }
    }

    @AfterAll
    static void stop() throws IOException, SQLException {
        connection.close();
        postgres.close();
    }

    @Test
    void doublesAsFloat8() throws SQLException {
        List<Double> values = new ArrayList<>(List.of(
                0.0,
                -0.0,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                1e7,
                1e15,
                1e15 - 1,
                1e16,
                1e-4,
                1e-5,
                0.1 + 0.2,
                2.82879384806159e17,
                1.9400994884341945e25));
        random.doubles(1000).map(d -> d * Math.pow(10, random.nextInt(40) - 20)).forEach(values::add);
        random.longs(2000)
                .mapToDouble(Double::longBitsToDouble)
                .filter(Double::isFinite)
                .forEach(values::add);

        assertSameText("float8", values, v -> Double.toString(v), CanonicalText::doublePrecision);
    }

    @Test
    void floatsAsFloat4() throws SQLException {
        List<Float> values = new ArrayList<>(List.of(
                0f,
                -0f,
                Float.NaN,
                Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY,
                Float.MIN_VALUE,
                Float.MIN_NORMAL,
                Float.MAX_VALUE,
                1e5f,
                1e6f,
                1e7f,
                1e15f,
                1e16f,
                1e-4f,
                1e-5f,
                16777216f));
        DoubleStream.generate(() -> random.nextDouble() * Math.pow(10, random.nextInt(20) - 10))
                .limit(1000)
                .forEach(d -> values.add((float) d));
        random.ints(2000)
                .mapToObj(Float::intBitsToFloat)
                .filter(Float::isFinite)
                .forEach(values::add);

        assertSameText("float4", values, v -> Float.toString(v), CanonicalText::real);
    }

    @Test
    void datesCountedInDaysFrom2000() throws SQLException {
        List<LocalDate> values = new ArrayList<>(List.of(
                LocalDate.of(1, 1, 1),
                LocalDate.of(0, 12, 31),
                LocalDate.of(-43, 3, 15),
                LocalDate.of(-4712, 1, 1),
                LocalDate.of(9999, 12, 31),
                LocalDate.of(10000, 1, 1),
                LocalDate.of(2024, 2, 29)));
        random.ints(500, -2_400_000, 10_000_000).mapToObj(EPOCH::plusDays).forEach(values::add);

        assertSameText(
                "(DATE '2000-01-01' + ?::int)",
                values,
                date -> String.valueOf(ChronoUnit.DAYS.between(EPOCH, date)),
                CanonicalText::date);
    }

    @Test
    void timestampsCountedInDaysAndMicrosecondsFrom2000() throws SQLException {
        List<LocalDateTime> values = new ArrayList<>(List.of(
                LocalDateTime.of(-43, 3, 15, 12, 0, 0, 500_000_000),
                LocalDateTime.of(0, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(1, 1, 1, 0, 0),
                LocalDateTime.of(12345, 6, 7, 8, 9, 10, 120_000)));
        for (int i = 0; i < 500; i++) {
            values.add(EPOCH.plusDays(random.nextInt(-1_700_000, 5_000_000))
                    .atStartOfDay()
                    .plusNanos(random.nextLong(86_400_000_000L) * 1000));
        }

        assertSameText("timestamp", values, CanonicalText::timestamp, CanonicalText::timestamp);
        assertSameText(
                "(TIMESTAMP '2000-01-01' + ?::int * INTERVAL '1 day' + ?::bigint * INTERVAL '1 microsecond')",
                values,
                List.of(
                        value -> String.valueOf(ChronoUnit.DAYS.between(EPOCH, value.toLocalDate())),
                        value -> String.valueOf(value.toLocalTime().toNanoOfDay() / 1000)),
                CanonicalText::timestamp);
    }

    @Test
    void pointsInTimeInUtcFromAnyOffset() throws SQLException {
        List<OffsetDateTime> values = new ArrayList<>(List.of(
                OffsetDateTime.of(-43, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(1, 1, 1, 0, 30, 0, 0, ZoneOffset.ofHours(2)),
                OffsetDateTime.of(1969, 7, 20, 22, 17, 40, 123_456_000, ZoneOffset.ofHoursMinutes(-3, -30))));
        for (int i = 0; i < 500; i++) {
            values.add(EPOCH.plusDays(random.nextInt(-1_700_000, 5_000_000))
                    .atStartOfDay()
                    .plusNanos(random.nextLong(86_400_000_000L) * 1000)
                    .atOffset(ZoneOffset.ofTotalSeconds(random.nextInt(-14 * 60, 14 * 60) * 60)));
        }

        assertSameText(
                "(TIMESTAMPTZ '2000-01-01 00:00:00+00' + ?::int * INTERVAL '1 day'"
                        + " + ?::bigint * INTERVAL '1 microsecond')",
                values,
                List.of(
                        value -> String.valueOf(
                                ChronoUnit.DAYS.between(EPOCH, utc(value).toLocalDate())),
                        value -> String.valueOf(utc(value).toLocalTime().toNanoOfDay() / 1000)),
                CanonicalText::timestampTz);
    }

    private static LocalDateTime utc(OffsetDateTime value) {
        return value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    @Test
    void timesAndTimesWithOffsets() throws SQLException {
        List<OffsetTime> values = new ArrayList<>(List.of(
                OffsetTime.of(0, 0, 0, 0, ZoneOffset.UTC),
                OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.ofHoursMinutes(-3, -30)),
                OffsetTime.of(12, 0, 0, 100_000, ZoneOffset.ofHoursMinutesSeconds(5, 0, 15))));
        for (int i = 0; i < 500; i++) {
            values.add(LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000L) * 1000)
                    .atOffset(ZoneOffset.ofTotalSeconds(random.nextInt(-15 * 60, 15 * 60) * 60)));
        }

        assertSameText("timetz", values, OffsetTime::toString, CanonicalText::timeTz);
        assertSameText(
                "time",
                values.stream().map(OffsetTime::toLocalTime).toList(),
                LocalTime::toString,
                CanonicalText::time);
    }

    @Test
    void binary() throws SQLException {
        List<byte[]> values = new ArrayList<>(List.of(new byte[0], new byte[] {0, -1, 16}));
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            values.add(bytes);
        }

        assertSameText("bytea", values, CanonicalText::binary, CanonicalText::binary);
    }

    private static <T> void assertSameText(
            String type, List<T> values, Function<T, String> literal, Function<T, String> canonical)
            throws SQLException {
        String expression = type.contains("?") ? type : "?::" + type;
        assertSameText(expression, values, List.of(literal), canonical);
    }

    /** Each value, made by PostgreSQL from its parameters in {@code expression}, printed by it as text. */
    private static <T> void assertSameText(
            String expression, List<T> values, List<Function<T, String>> parameters, Function<T, String> canonical)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT (" + expression + ")::text")) {
            for (T value : values) {
                for (int i = 0; i < parameters.size(); i++) {
                    query.setString(i + 1, parameters.get(i).apply(value));
                }
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    assertThat(canonical.apply(value)).as("%s", value).isEqualTo(row.getString(1));
                }
            }
        }
    }
}
