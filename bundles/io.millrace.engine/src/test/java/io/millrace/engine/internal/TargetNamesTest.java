package io.millrace.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.TargetDialect;
import io.millrace.connector.mariadb.internal.MariaDbConnectorProvider;
import io.millrace.connector.postgres.internal.PostgresConnectorProvider;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TargetNamesTest {
    private static final TargetDialect POSTGRES =
            new PostgresConnectorProvider().target().orElseThrow();
    private static final TargetDialect MARIADB =
            new MariaDbConnectorProvider().target().orElseThrow();

    @Test
    void aNameThatFitsStaysAsItIs() {
        assertThat(TargetNames.derived(POSTGRES, "accounts", "__current")).isEqualTo("accounts__current");
        assertThat(TargetNames.derived(MARIADB, "a".repeat(60), "__ct")).isEqualTo("a".repeat(60) + "__ct");
    }

    @Test
    void longNamesAreShortenedTheSameWayEveryTimeAndStayDistinct() {
        String first = "x".repeat(59) + "1";
        String second = "x".repeat(59) + "2";

        String shortened = TargetNames.derived(POSTGRES, first, "__history_live");

        assertThat(shortened).hasSize(63).endsWith("__history_live").startsWith("x".repeat(38) + "_");
        assertThat(TargetNames.derived(POSTGRES, first, "__history_live")).isEqualTo(shortened);
        assertThat(TargetNames.derived(POSTGRES, second, "__history_live")).isNotEqualTo(shortened);
        assertThat(TargetNames.derived(MARIADB, first, "__current")).hasSize(64).endsWith("__current");
    }

    @Test
    void postgresCountsBytesAndMultiByteCharactersAreNotSplit() {
        String name = "é".repeat(40); // 80 bytes in UTF-8

        String shortened = TargetNames.derived(POSTGRES, name, "__ct");

        assertThat(shortened.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(shortened).startsWith("é".repeat(24) + "_").endsWith("__ct");
        assertThat(TargetNames.derived(MARIADB, name, "__ct")).isEqualTo(name + "__ct");
    }
}
