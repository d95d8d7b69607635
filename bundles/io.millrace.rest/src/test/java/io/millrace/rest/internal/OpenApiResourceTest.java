package io.millrace.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiResourceTest {
    @Test
    void theTaskRequestDescribesIncrementalLandingAndThatDeletesAreNotSeen() throws Exception {
        String document = OpenApiResource.generate("test");

        assertThat(document)
                .contains("\"IncrementalSettings\"")
                .contains("\"incremental\"")
                .contains("\"schedule\"")
                .contains("rows deleted in the source are NOT seen");
    }

    @Test
    void aConnectionTestSaysTheUseOfEachStepAndWhatTheConnectionIsUsableAs() throws Exception {
        String document = OpenApiResource.generate("test");

        assertThat(document)
                .contains("\"ConnectionTestResult\"")
                .contains("\"usableAsSource\"")
                .contains("\"usableAsTarget\"")
                .contains("\"use\"")
                .contains("\"SOURCE\"");
    }
}
