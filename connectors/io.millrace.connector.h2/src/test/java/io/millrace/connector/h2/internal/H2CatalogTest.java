package io.millrace.connector.h2.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.TableDescription;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class H2CatalogTest {
    private final H2ConnectorProvider provider = new H2ConnectorProvider();

    @Test
    void listsTablesColumnsAndKeys() throws Exception {
        String url = "jdbc:h2:mem:catalog;DB_CLOSE_DELAY=-1";
        try (var connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("CREATE SCHEMA sales");
            connection
                    .createStatement()
                    .execute("CREATE TABLE sales.\"a_b\"(id BIGINT, part INT, amount"
                            + " NUMERIC(12,2) NOT NULL, note VARCHAR(30), PRIMARY KEY (part, id))");
            connection.createStatement().execute("CREATE TABLE sales.aXb(x INT)");
        }

        List<TableDescription> tables =
                provider.catalog().orElseThrow().tables(new ConnectionSettings(Map.of("url", url), Map.of()));

        assertThat(tables).extracting(TableDescription::name).containsExactly("AXB", "a_b");
        TableDescription ab = tables.get(1);
        assertThat(ab.primaryKey()).containsExactly("PART", "ID");
        assertThat(ab.columns())
                .extracting(column -> column.name() + " " + column.type() + (column.nullable() ? "" : " not null"))
                .containsExactly(
                        "ID bigint not null",
                        "PART integer not null",
                        "AMOUNT decimal(12,2) not null",
                        "NOTE string(30)");
    }

    @Test
    void aForbiddenUrlIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> provider.catalog()
                        .orElseThrow()
                        .tables(new ConnectionSettings(
                                Map.of("url", "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'x'"), Map.of())))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("INIT");
    }
}
