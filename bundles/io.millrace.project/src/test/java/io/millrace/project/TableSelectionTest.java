package io.millrace.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableSelectionTest {

    @Test
    void patternsUseLikeWildcardsPerPartAndExcludesWinOverIncludes() {
        TableSelection selection =
                new TableSelection(List.of(), List.of("public.%", "sales.order_"), List.of("public.tmp%"));

        assertThat(selection.matches("public", "customers")).isTrue();
        assertThat(selection.matches("public", "tmp_load")).isFalse();
        assertThat(selection.matches("sales", "order1")).isTrue();
        assertThat(selection.matches("sales", "order12")).isFalse();
        assertThat(selection.matches("Public", "customers")).isFalse();
    }

    @Test
    void namedTablesAreSelectedWhateverThePatternsSay() {
        TableSelection selection =
                new TableSelection(List.of(new TableName("public", "tmp.special (1)")), List.of(), List.of("public.%"));

        assertThat(selection.matches("public", "tmp.special (1)")).isTrue();
        assertThat(selection.matches("public", "other")).isFalse();
    }

    @Test
    void regexCharactersInPatternsMeanThemselves() {
        TableSelection selection = new TableSelection(List.of(), List.of("a.b+c*"), List.of());

        assertThat(selection.matches("a", "b+c*")).isTrue();
        assertThat(selection.matches("a", "bbc")).isFalse();
        assertThat(TableSelection.isPattern("nodot")).isFalse();
        assertThat(TableSelection.isPattern("schema.")).isFalse();
        assertThat(new TableSelection(null, null, null).selectsNothing()).isTrue();
    }
}
