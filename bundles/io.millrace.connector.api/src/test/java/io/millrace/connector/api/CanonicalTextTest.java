package io.millrace.connector.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected texts are what PostgreSQL 17 prints for the same values ({@code SELECT
 * '1e7'::float4}, with {@code TimeZone=UTC} for timestamps); the PostgreSQL connector's {@code
 * CanonicalTextAgainstPostgresTest} asks a real server for many more.
 */
class CanonicalTextTest {

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1",
        "1.5, 1.5",
        "-123.25, -123.25",
        "100000, 100000",
        "999999, 999999",
        "1e6, 1e+06",
        "1234567, 1.234567e+06",
        "1e7, 1e+07",
        "1e15, 1e+15",
        "1e16, 1e+16",
        "0.0001, 0.0001",
        "1e-5, 1e-05",
        "-1.5e20, -1.5e+20",
        "1.4e-45, 1e-45",
        "3.4028235e38, 3.4028235e+38",
        "16777216, 1.6777216e+07",
        // 3.990793e+07 is exactly halfway to the next float: Java reads it back, PostgreSQL does not take it.
        "3.9907928e7, 3.9907928e+07"
    })
    void realsAreTheShortestDecimalWithPostgresqlsExponentFromSixDigits(float value, String text) {
        assertThat(CanonicalText.real(value)).isEqualTo(text);
        assertThat(Float.parseFloat(text)).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1",
        "0.30000000000000004, 0.30000000000000004",
        "-123.25, -123.25",
        "1e7, 10000000",
        "999999999999999, 999999999999999",
        "123456789012345.6, 123456789012345.6",
        "1e15, 1e+15",
        "1e16, 1e+16",
        "0.0001, 0.0001",
        "1e-5, 1e-05",
        "1.5e20, 1.5e+20",
        "1e100, 1e+100",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        // Java 17 writes 2.82879384806159008E17, three digits more than it needs.
        "2.82879384806159e17, 2.82879384806159e+17",
        // 6.927293806778326e+16 is exactly halfway to the next double.
        "6.9272938067783264e16, 6.9272938067783264e+16"
    })
    void doublesAreTheShortestDecimalWithPostgresqlsExponentFromFifteenDigits(double value, String text) {
        assertThat(CanonicalText.doublePrecision(value)).isEqualTo(text);
        assertThat(Double.parseDouble(text)).isEqualTo(value);
    }

    @Test
    void signedZerosAndSpecialFloatsAreWordsAsPostgresqlWritesThem() {
        assertThat(CanonicalText.real(0f)).isEqualTo("0");
        assertThat(CanonicalText.real(-0f)).isEqualTo("-0");
        assertThat(CanonicalText.real(Float.NaN)).isEqualTo("NaN");
        assertThat(CanonicalText.real(Float.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(CanonicalText.real(Float.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(CanonicalText.doublePrecision(0d)).isEqualTo("0");
        assertThat(CanonicalText.doublePrecision(-0d)).isEqualTo("-0");
        assertThat(CanonicalText.doublePrecision(Double.NaN)).isEqualTo("NaN");
        assertThat(CanonicalText.doublePrecision(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(CanonicalText.doublePrecision(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    void binaryIsLowercaseHexAndReadsBack() {
        byte[] bytes = {0, (byte) 0xff, 0x10, (byte) 0xab};

        assertThat(CanonicalText.binary(bytes)).isEqualTo("\\x00ff10ab");
        assertThat(CanonicalText.binary(new byte[0])).isEqualTo("\\x");
        assertThat(CanonicalText.parseBinary("\\x00ff10ab")).containsExactly(bytes);
        assertThatThrownBy(() -> CanonicalText.parseBinary("00ff")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalText.parseBinary("\\x0g")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-02-29, 2024-02-29",
        "0001-01-01, 0001-01-01",
        // java.time's year 0 is 1 BC, its year -43 is 44 BC.
        "0000-12-31, 0001-12-31 BC",
        "-0043-03-15, 0044-03-15 BC",
        "+10000-01-01, 10000-01-01"
    })
    void datesBeforeYearOneAreBcAndReadBack(LocalDate value, String text) {
        assertThat(CanonicalText.date(value)).isEqualTo(text);
        assertThat(CanonicalText.parseDate(text)).isEqualTo(value);
    }

    @Test
    void textsThatAreNoCanonicalDateAreRefused() {
        for (String text :
                new String[] {"0000-01-01", "infinity", "24-02-29", "2024-2-29", "2024-02-30", "+2024-02-29"}) {
            assertThatThrownBy(() -> CanonicalText.parseDate(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("date");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "13:45:00, 13:45:00",
        "00:00:00.000001, 00:00:00.000001",
        "13:45:00.5, 13:45:00.5",
        "13:45:00.123456, 13:45:00.123456",
        "23:59:59.999999, 23:59:59.999999"
    })
    void timesHaveAFractionWithoutTrailingZerosOnlyWhereThereIsOne(LocalTime value, String text) {
        assertThat(CanonicalText.time(value)).isEqualTo(text);
        assertThat(CanonicalText.parseTime(text)).isEqualTo(value);
    }

    @Test
    void nanosecondsBelowAMicrosecondAreDropped() {
        assertThat(CanonicalText.time(LocalTime.of(13, 45, 0, 123_456_789))).isEqualTo("13:45:00.123456");
        assertThat(CanonicalText.time(LocalTime.of(13, 45, 0, 999))).isEqualTo("13:45:00");
    }

    @Test
    void twentyFourOClockHasNoJavaTimeAndIsRefused() {
        assertThatThrownBy(() -> CanonicalText.parseTime("24:00:00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsOfTimesHaveMinutesAndSecondsOnlyWhereTheyHaveThem() {
        assertThat(CanonicalText.timeTz(OffsetTime.of(13, 45, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("13:45:00+02");
        assertThat(CanonicalText.timeTz(OffsetTime.of(13, 45, 0, 500_000_000, ZoneOffset.ofHoursMinutes(-3, -30))))
                .isEqualTo("13:45:00.5-03:30");
        assertThat(CanonicalText.timeTz(OffsetTime.of(0, 0, 0, 0, ZoneOffset.UTC)))
                .isEqualTo("00:00:00+00");
        assertThat(CanonicalText.timeTz(OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 0, 15))))
                .isEqualTo("12:00:00+05:00:15");
    }

    @ParameterizedTest
    @CsvSource({
        "2024-02-29T13:45, 2024-02-29 13:45:00",
        "2024-02-29T13:45:00.000120, 2024-02-29 13:45:00.00012",
        "-0043-03-15T12:00:00.5, 0044-03-15 12:00:00.5 BC"
    })
    void timestampsAreDateAndTimeWithTheEraLast(LocalDateTime value, String text) {
        assertThat(CanonicalText.timestamp(value)).isEqualTo(text);
        assertThat(CanonicalText.parseTimestamp(text)).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({
        "1969-07-20T22:17:40.123456+02:00, 1969-07-20 20:17:40.123456+00",
        "2024-01-01T00:30-03:30, 2024-01-01 04:00:00+00",
        "2024-01-01T01:00+02:00, 2023-12-31 23:00:00+00",
        "-0043-03-15T12:00Z, 0044-03-15 12:00:00+00 BC"
    })
    void pointsInTimeAreWrittenInUtcWithTheOffsetBeforeTheEra(OffsetDateTime value, String text) {
        assertThat(CanonicalText.timestampTz(value)).isEqualTo(text);
        assertThat(CanonicalText.parseTimestampTz(text)).isEqualTo(value.withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Test
    void timestampsInOtherOffsetsOrWithoutTheirTimeAreRefused() {
        assertThatThrownBy(() -> CanonicalText.parseTimestampTz("2024-01-01 04:00:00+02"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp_tz");
        assertThatThrownBy(() -> CanonicalText.parseTimestamp("2024-01-01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> CanonicalText.parseTimestamp("infinity")).isInstanceOf(IllegalArgumentException.class);
    }
}
