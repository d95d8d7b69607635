package io.millrace.connector.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ConnectorProvider#testConnection}: one step per thing that was checked, in
 * the order they were checked.
 */
public record ConnectionCheck(List<Step> steps) {

    public ConnectionCheck {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("A connection check reports at least one step");
        }
    }

    /** Whether every step passed or only warned, so the connection serves every use that was checked. */
    public boolean successful() {
        return steps.stream().noneMatch(step -> step.status() == Status.FAILED);
    }

    /**
     * Whether the connection can serve this use: no step concerning it, or every use, failed. A
     * target-only connection is usable as a target even when its source checks fail.
     */
    public boolean usableAs(ConnectionUse use) {
        return steps.stream()
                .noneMatch(step -> step.status() == Status.FAILED
                        && (step.use() == ConnectionUse.ANY || step.use() == use || use == ConnectionUse.ANY));
    }

    /** How a step ended. */
    public enum Status {
        PASSED,
        WARNING,
        FAILED
    }

    /**
     * One thing that was checked.
     *
     * @param name what was checked, such as {@code connect} or {@code wal_level}
     * @param status how it ended
     * @param message what was found, in words a user understands
     * @param fix what the user should change when the step did not pass
     * @param use the use the step concerns: a failed {@link ConnectionUse#SOURCE} step keeps the
     *     connection from being a source only
     */
    public record Step(String name, Status status, String message, Optional<String> fix, ConnectionUse use) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(fix, "fix");
            Objects.requireNonNull(use, "use");
        }

        /** A step concerning every use; kept for connectors built against API 0.5. */
        public Step(String name, Status status, String message, Optional<String> fix) {
            this(name, status, message, fix, ConnectionUse.ANY);
        }

        /** This step, concerning only {@code use}. */
        public Step concerning(ConnectionUse use) {
            return new Step(name, status, message, fix, use);
        }

        public static Step passed(String name, String message) {
            return new Step(name, Status.PASSED, message, Optional.empty());
        }

        public static Step failed(String name, String message, String fix) {
            return new Step(name, Status.FAILED, message, Optional.of(fix));
        }

        public static Step warning(String name, String message, String fix) {
            return new Step(name, Status.WARNING, message, Optional.of(fix));
        }
    }
}
