package io.millrace.connector.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Insert;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Value;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The snapshot and the stream of a capture slot meet without a gap or an overlap. */
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
    void rowsWrittenWhileTheSnapshotIsReadArriveThroughTheStreamExactlyOnce() throws Exception {
        execute(
                "CREATE TABLE public.\"Handoff Rows\" (id int PRIMARY KEY, note text)",
                "INSERT INTO public.\"Handoff Rows\" SELECT i, 'before' FROM generate_series(1, 1000) i");

        Set<Integer> snapshotIds = new HashSet<>();
        Set<Integer> streamedIds = new HashSet<>();
        String slotName = "millrace_handoff";
        try (CaptureSlot slot = CaptureSlot.create(settings(), slotName, List.of(List.of("public", "Handoff Rows")));
                Connection reader = PostgresConnection.open(settings())) {
            slot.joinSnapshot(reader);
            // Written after the slot's start, while the snapshot is open: must come only through the stream.
            execute("INSERT INTO public.\"Handoff Rows\" SELECT i, 'during' FROM generate_series(1001, 1500) i");
            try (Statement statement = reader.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id FROM public.\"Handoff Rows\"")) {
                while (rows.next()) {
                    snapshotIds.add(rows.getInt(1));
                }
            }
            reader.commit();
            execute("INSERT INTO public.\"Handoff Rows\" SELECT i, 'after' FROM generate_series(1501, 1600) i");

            for (PgOutputMessage message : postgres.stream(
                    slot.name(),
                    slot.start(),
                    read -> read.stream().filter(Insert.class::isInstance).count() >= 600)) {
                if (message instanceof Insert insert) {
                    int id = Integer.parseInt(((Value.Text) insert.row().get(0)).text());
                    assertThat(streamedIds.add(id)).as("streamed twice: " + id).isTrue();
                }
            }
        }

        assertThat(snapshotIds).hasSize(1000).allMatch(id -> id <= 1000);
        assertThat(streamedIds).hasSize(600).allMatch(id -> id > 1000);
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
