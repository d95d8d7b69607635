package io.millrace.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskStateTest {

    @Test
    void onlyStartingLeavesStoppedAndFailed() {
        for (TaskState next : TaskState.values()) {
            assertThat(TaskState.STOPPED.canBecome(next))
                    .as("stopped to " + next)
                    .isEqualTo(next == TaskState.STARTING || next == TaskState.STOPPED);
            assertThat(TaskState.FAILED.canBecome(next))
                    .as("failed to " + next)
                    .isEqualTo(next == TaskState.STARTING || next == TaskState.FAILED);
        }
    }

    @Test
    void landingAndStorageKeepToTheirOwnWorkingStates() {
        assertThat(TaskState.CDC.canBecome(TaskState.FULL_LOAD)).as("a reload").isTrue();
        assertThat(TaskState.CDC.canBecome(TaskState.RUNNING)).isFalse();
        assertThat(TaskState.RUNNING.canBecome(TaskState.CDC)).isFalse();
        assertThat(TaskState.RUNNING.canBecome(TaskState.STARTING))
                .as("a retry")
                .isTrue();
        assertThat(TaskState.FULL_LOAD.canBecome(TaskState.FAILED)).isTrue();
        assertThat(TaskState.FULL_LOAD.canBecome(TaskState.INCREMENTAL)).isTrue();
        assertThat(TaskState.INCREMENTAL.canBecome(TaskState.FULL_LOAD))
                .as("a reload")
                .isTrue();
        assertThat(TaskState.INCREMENTAL.canBecome(TaskState.CDC)).isFalse();
        assertThat(TaskState.CDC.canBecome(TaskState.INCREMENTAL)).isFalse();
        assertThat(TaskState.RUNNING.canBecome(TaskState.INCREMENTAL)).isFalse();
    }

    @Test
    void usersSeeLowercaseNamesWithDashes() {
        assertThat(TaskState.FULL_LOAD.label()).isEqualTo("full-load");
        assertThat(TaskState.CDC.label()).isEqualTo("cdc");
        assertThat(TaskState.INCREMENTAL.label()).isEqualTo("incremental");
    }
}
