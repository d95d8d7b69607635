package io.millrace.connector.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.TableDescription;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresCatalogTest {
    private static TestPostgres postgres;

    @BeforeAll
    static void createSchema() throws Exception {
        postgres = TestPostgres.startLogical();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA shop");
            statement.execute("CREATE TYPE shop.mood AS ENUM ('happy', 'sad')");
            statement.execute("CREATE DOMAIN shop.positive AS numeric(10,3) CHECK (VALUE > 0)");
            statement.execute("""
                    CREATE TABLE shop."Order Lines" (
                        order_id bigint, line smallint, amount shop.positive NOT NULL, note varchar(40),
                        code char(3), tags text[], mood shop.mood, paid_at timestamptz(3), payload jsonb,
                        "Ünïcode" text, PRIMARY KEY (line, order_id))""");
            statement.execute("CREATE TABLE shop.events (at date NOT NULL, what text) PARTITION BY RANGE (at)");
            statement.execute("CREATE TABLE shop.events_2026 PARTITION OF shop.events"
                    + " FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
            statement.execute("CREATE TABLE public.audit_log (happened timestamp, detail bytea)");
            statement.execute("CREATE VIEW public.not_a_table AS SELECT 1 AS one");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void listsTablesWithPortableTypesAndKeysInKeyOrder() {
        List<TableDescription> tables = new PostgresCatalog().tables(settings());

        assertThat(tables)
                .extracting(table -> table.schema() + "." + table.name())
                .containsExactly("public.audit_log", "shop.Order Lines", "shop.events");
        TableDescription lines = tables.get(1);
        assertThat(lines.primaryKey()).containsExactly("line", "order_id");
        assertThat(lines.columns())
                .extracting(column -> column.name() + " " + column.type())
                .containsExactly(
                        "order_id bigint",
                        "line smallint",
                        "amount decimal(10,3)",
                        "note string(40)",
                        "code string(3)",
                        "tags array",
                        "mood string",
                        "paid_at timestamp_tz(3)",
                        "payload json",
                        "Ünïcode string");
        ColumnDescription amount = lines.columns().get(2);
        assertThat(amount.sourceType()).isEqualTo("shop.positive");
        assertThat(amount.nullable()).isFalse();
        assertThat(lines.columns().get(0).nullable()).isFalse();
        assertThat(lines.columns().get(3).nullable()).isTrue();
    }

    @Test
    void partitionedTablesStandForTheirPartitionsAndKeylessTablesSaySo() {
        List<TableDescription> tables = new PostgresCatalog().tables(settings());

        TableDescription events = tables.get(2);
        assertThat(events.partitioned()).isTrue();
        assertThat(tables).noneMatch(table -> table.name().equals("events_2026"));
        assertThat(tables.get(0).primaryKey()).isEmpty();
        assertThat(tables.get(0).columns())
                .extracting(column -> column.type().toString())
                .containsExactly("timestamp", "binary");
    }

    @Test
    void anUnreachableDatabaseIsACatalogExceptionWithTheFix() {
        ConnectionSettings missing = new ConnectionSettings(
                Map.of(
                        "host",
                        "localhost",
                        "port",
                        "" + postgres.port(),
                        "database",
                        "nope",
                        "user",
                        "postgres",
                        "sslmode",
                        "disable"),
                Map.of());

        assertThatThrownBy(() -> new PostgresCatalog().tables(missing))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("does not exist");
    }

    private static ConnectionSettings settings() {
        return postgres.settings();
    }
}
