package io.millrace.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.PortableType.Kind;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PortableTypeTest {
    private static final PortableType TEXT = PortableType.of(Kind.STRING);
    private static final PortableType INTEGER = PortableType.of(Kind.INTEGER);
    private static final PortableType BIGINT = PortableType.of(Kind.BIGINT);

    @Test
    void longerStringsHoldShorterOnesAndNotTheOtherWayRound() {
        assertThat(PortableType.string(50).holds(PortableType.string(10))).isTrue();
        assertThat(PortableType.string(10).holds(PortableType.string(50))).isFalse();
        assertThat(PortableType.string(10).holds(TEXT)).isFalse();
    }

    @Test
    void unlimitedTextHoldsEveryKind() {
        for (Kind kind : Kind.values()) {
            assertThat(TEXT.holds(PortableType.of(kind))).as(kind.name()).isTrue();
        }
    }

    @Test
    void integersWidenToWiderIntegersAndDecimalsWithEnoughDigits() {
        assertThat(BIGINT.holds(INTEGER)).isTrue();
        assertThat(INTEGER.holds(BIGINT)).isFalse();
        assertThat(INTEGER.holds(PortableType.of(Kind.SMALLINT))).isTrue();
        assertThat(PortableType.decimal(12, 2).holds(INTEGER)).isTrue();
        assertThat(PortableType.decimal(10, 2).holds(INTEGER)).isFalse();
        assertThat(PortableType.of(Kind.DECIMAL).holds(BIGINT)).isTrue();
        assertThat(INTEGER.holds(PortableType.decimal(5, 0))).isFalse();
    }

    @Test
    void decimalsHoldOthersWithNoMoreDigitsOnEitherSideOfThePoint() {
        assertThat(PortableType.decimal(12, 4).holds(PortableType.decimal(10, 2)))
                .isTrue();
        assertThat(PortableType.decimal(12, 4).holds(PortableType.decimal(12, 2)))
                .isFalse();
        assertThat(PortableType.decimal(10, 2).holds(PortableType.decimal(10, 3)))
                .isFalse();
        assertThat(PortableType.decimal(10, 2).holds(PortableType.of(Kind.DECIMAL)))
                .isFalse();
    }

    @Test
    void differentFamiliesDoNotHoldEachOther() {
        assertThat(INTEGER.holds(PortableType.of(Kind.BOOLEAN))).isFalse();
        assertThat(PortableType.of(Kind.BOOLEAN).holds(INTEGER)).isFalse();
        assertThat(PortableType.string(5).holds(BIGINT)).isFalse();
        assertThat(PortableType.of(Kind.DOUBLE).holds(PortableType.of(Kind.REAL)))
                .isTrue();
        assertThat(PortableType.of(Kind.REAL).holds(PortableType.of(Kind.DOUBLE)))
                .isFalse();
    }

    @Test
    void timesHoldFewerFractionalDigits() {
        PortableType micros =
                new PortableType(Kind.TIMESTAMP, OptionalInt.empty(), OptionalInt.of(6), OptionalInt.empty());
        PortableType millis =
                new PortableType(Kind.TIMESTAMP, OptionalInt.empty(), OptionalInt.of(3), OptionalInt.empty());
        assertThat(micros.holds(millis)).isTrue();
        assertThat(millis.holds(micros)).isFalse();
        assertThat(PortableType.of(Kind.TIMESTAMP).holds(micros)).isTrue();
    }
}
