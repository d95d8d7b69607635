package io.millrace.connector.postgres.internal.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.postgres.internal.TestPostgres;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Begin;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Commit;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Delete;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Insert;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Relation;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Truncate;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Update;
import io.millrace.connector.postgres.internal.pgoutput.PgOutputMessage.Value;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.replication.LogSequenceNumber;

/** Decodes what a real PostgreSQL sends through a pgoutput replication slot. */
class PgOutputDecoderTest {
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
    void decodesInsertsUpdatesDeletesAndTruncatesInCommitOrder() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        execute(
                "CREATE SCHEMA \"Shop\"",
                "CREATE TABLE \"Shop\".items (id int PRIMARY KEY, name text, notes text, price numeric(10,2))",
                "CREATE PUBLICATION decoder_test FOR TABLE \"Shop\".items",
                "SELECT pg_create_logical_replication_slot('decoder_test', 'pgoutput')");
        execute(
                "INSERT INTO \"Shop\".items VALUES (1, 'Ünïcode ✓', NULL, 9.99),"
                        + " (2, 'big', (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 800) i), 1)",
                "UPDATE \"Shop\".items SET name = 'renamed' WHERE id = 2",
                "UPDATE \"Shop\".items SET id = 3 WHERE id = 1",
                "DELETE FROM \"Shop\".items WHERE id = 3",
                "TRUNCATE \"Shop\".items");

        List<PgOutputMessage> messages = postgres.stream(
                "decoder_test",
                LogSequenceNumber.INVALID_LSN,
                read -> read.stream().filter(Commit.class::isInstance).count() >= 5);

        List<PgOutputMessage> changes = messages.stream()
                .filter(message ->
                        !(message instanceof Begin || message instanceof Commit || message instanceof Relation))
                .toList();
        assertThat(changes).hasSize(6);

        Insert first = (Insert) changes.get(0);
        assertThat(first.relation().schema()).isEqualTo("Shop");
        assertThat(first.relation().name()).isEqualTo("items");
        assertThat(first.relation().columns())
                .extracting(column -> column.name() + (column.key() ? "*" : ""))
                .containsExactly("id*", "name", "notes", "price");
        assertThat(first.row()).containsExactly(text("1"), text("Ünïcode ✓"), new Value.Null(), text("9.99"));

        Update renamed = (Update) changes.get(2);
        assertThat(renamed.oldRow()).isEmpty();
        assertThat(renamed.row().get(1)).isEqualTo(text("renamed"));
        assertThat(renamed.row().get(2))
                .as("a TOASTed value the update did not touch is marked unchanged, not NULL")
                .isEqualTo(new Value.Unchanged());

        Update rekeyed = (Update) changes.get(3);
        assertThat(rekeyed.oldRow())
                .hasValueSatisfying(old -> assertThat(old.get(0)).isEqualTo(text("1")));
        assertThat(rekeyed.row().get(0)).isEqualTo(text("3"));

        Delete deleted = (Delete) changes.get(4);
        assertThat(deleted.oldRow()).containsExactly(text("3"), new Value.Null(), new Value.Null(), new Value.Null());

        Truncate truncated = (Truncate) changes.get(5);
        assertThat(truncated.relations()).extracting(Relation::name).containsExactly("items");
        assertThat(truncated.cascade()).isFalse();

        List<Commit> commits = messages.stream()
                .filter(Commit.class::isInstance)
                .map(Commit.class::cast)
                .toList();
        assertThat(commits).hasSize(5);
        for (int i = 1; i < commits.size(); i++) {
            assertThat(Long.compareUnsigned(
                            commits.get(i).commitLsn(), commits.get(i - 1).commitLsn()))
                    .isPositive();
        }
        assertThat(commits.get(0).commitTime())
                .isAfter(before)
                .isBefore(Instant.now().plusSeconds(5));
    }

    @Test
    void aChangeToAnUndescribedRelationOrAnUnknownKindIsAnError() {
        PgOutputDecoder decoder = new PgOutputDecoder();

        ByteBuffer insert = ByteBuffer.allocate(16)
                .put((byte) 'I')
                .putInt(4242)
                .put((byte) 'N')
                .putShort((short) 0);
        assertThatThrownBy(() -> decoder.decode(insert.flip()))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("4242");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {'Z'})))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("'Z'");
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {'B', 0, 0})))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("ended early");
    }

    private static void execute(String... statements) throws Exception {
        postgres.execute(statements);
    }

    private static Value text(String text) {
        return new Value.Text(text);
    }
}
