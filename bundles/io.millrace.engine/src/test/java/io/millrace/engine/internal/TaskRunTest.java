package io.millrace.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.engine.TaskState;
import org.junit.jupiter.api.Test;

class TaskRunTest {
    @Test
    void aClassThatCannotBeLoadedFailsTheTaskSayingWhereToLook() {
        TaskRun run = new TaskRun("broken") {
            @Override
            void attempt() {
                throw new NoClassDefFoundError("com/github/luben/zstd/ZstdInputStream");
            }
        };

        run.run();

        assertThat(run.status().state()).isEqualTo(TaskState.FAILED);
        assertThat(run.status().lastError())
                .hasValueSatisfying(error ->
                        assertThat(error).contains("cannot be loaded", "GET /api/v1/bundles", "ZstdInputStream"));
    }
}
