package io.millrace.connector.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.ConnectionSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Capture slots are named safely and leave nothing behind. */
class CaptureSlotTest {
    private static TestPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.startLogical();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void droppingLeavesNoSlotOrPublicationBehind() throws Exception {
        execute("CREATE TABLE public.dropped (id int PRIMARY KEY)");
        String slotName = "millrace_dropped";
        CaptureSlot.create(settings(), slotName, List.of(List.of("public", "dropped")))
                .close();

        CaptureSlot.drop(settings(), slotName);
        CaptureSlot.drop(settings(), slotName);

        try (Connection connection = postgres.connect()) {
            assertThat(CaptureSlot.exists(connection, slotName)).isFalse();
            try (ResultSet publications = connection
                    .createStatement()
                    .executeQuery("SELECT count(*) FROM pg_publication WHERE pubname = '" + slotName + "'")) {
                publications.next();
                assertThat(publications.getInt(1)).isZero();
            }
        }
    }

    @Test
    void slotNamesThatPostgresqlWouldRefuseAreRefusedFirst() {
        assertThatThrownBy(() -> CaptureSlot.create(settings(), "Bad-Name", List.of(List.of("public", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad-Name");
    }

    private static ConnectionSettings settings() {
        return postgres.settings();
    }

    private static void execute(String... statements) throws Exception {
        postgres.execute(statements);
    }
}
