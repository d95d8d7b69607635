package io.millrace.engine.internal;

/** Ends a task's work early because it was asked to stop; what was not committed is rolled back. */
final class TaskStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TaskStoppedException() {
        super("The task was stopped", null, false, false);
    }
}
