package io.millrace.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionUse;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.TableDescription;
import org.junit.jupiter.api.Test;

/** The catalog lists tables with their columns in order, portable types and keys in key order. */
public abstract class CatalogSuite extends SourceSuite {
    @Test
    void theTestDatabasePassesTheConnectionCheckAsASource() {
        ConnectionCheck check = source().provider().testConnection(source().settings());

        assertThat(check.usableAs(ConnectionUse.SOURCE)).as("%s", check.steps()).isTrue();
    }

    @Test
    void tablesListTheirColumnsInOrderAndTheirKeyInKeyOrder() {
        recreate(
                "kit_catalog_keyed",
                "region varchar(10) NOT NULL, id int NOT NULL, note varchar(40), total bigint,"
                        + " PRIMARY KEY (id, region)");

        TableDescription table = table("kit_catalog_keyed");

        assertThat(table.columns())
                .extracting(ColumnDescription::name)
                .containsExactly("region", "id", "note", "total");
        assertThat(table.primaryKey()).containsExactly("id", "region");
        assertThat(table.columns())
                .extracting(ColumnDescription::type)
                .containsExactly(
                        PortableType.string(10),
                        PortableType.of(Kind.INTEGER),
                        PortableType.string(40),
                        PortableType.of(Kind.BIGINT));
        assertThat(table.columns()).extracting(ColumnDescription::nullable).containsExactly(false, false, true, true);
        assertThat(table.columns())
                .allSatisfy(column -> assertThat(column.sourceType()).isNotBlank());
    }

    @Test
    void aTableWithoutAPrimaryKeyHasAnEmptyKey() {
        recreate("kit_catalog_keyless", "id int, note varchar(10)");

        assertThat(table("kit_catalog_keyless").primaryKey()).isEmpty();
    }

    @Test
    void namesKeepTheirCaseAndSpaces() {
        recreate(
                "Kit Catalog Mixed",
                source().quote("Id") + " int PRIMARY KEY, " + source().quote("Full Name") + " varchar(20)");

        TableDescription table = table("Kit Catalog Mixed");

        assertThat(table.columns()).extracting(ColumnDescription::name).containsExactly("Id", "Full Name");
        assertThat(table.primaryKey()).containsExactly("Id");
    }

    @Test
    void anUnreachableServerIsACatalogExceptionThatSaysWhatToCheck() {
        assertThatThrownBy(() -> source().provider().catalog().orElseThrow().tables(source().unreachable()))
                .isInstanceOf(CatalogException.class)
                .hasMessageNotContaining("..")
                .satisfies(failure -> assertThat(failure.getMessage()).isNotBlank());
    }

    @Test
    void anUnreachableServerFailsTheConnectionCheckWithAFix() {
        ConnectionCheck check = source().provider().testConnection(source().unreachable());

        assertThat(check.successful()).isFalse();
        assertThat(check.steps())
                .filteredOn(step -> step.status() == ConnectionCheck.Status.FAILED)
                .allSatisfy(step -> assertThat(step.fix())
                        .hasValueSatisfying(fix -> assertThat(fix).isNotBlank()));
    }
}
