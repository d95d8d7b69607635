package io.millrace.engine.internal;

import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.SqlStates;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a task on its own thread, from start until it is stopped or fails. Transient failures
 * (a database restarting, a broken connection) are retried with pauses growing to a minute, the
 * error showing in the status meanwhile; other failures stop the run as {@link TaskState#FAILED}.
 */
abstract class TaskRun implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);
    private static final Duration FIRST_RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(60);
    /** How often waits look whether the task was asked to stop. */
    static final Duration POLL = Duration.ofMillis(100);

    final String taskId;
    final TaskProgress progress;
    volatile boolean stopping;

    TaskRun(String taskId) {
        this.taskId = taskId;
        this.progress = new TaskProgress(taskId);
    }

    /** One attempt: returns when the work is done or the task is stopping; throws on failure. */
    abstract void attempt() throws Exception;

    /** Whether transient failures are tried again; a run someone waits for fails at once instead. */
    boolean retries() {
        return true;
    }

    @Override
    public final void run() {
        Duration pause = FIRST_RETRY_PAUSE;
        while (!stopping) {
            long began = System.nanoTime();
            try {
                progress.state(TaskState.STARTING);
                attempt();
                progress.clearError();
                break;
            } catch (TaskStoppedException e) {
                break;
            } catch (LinkageError e) {
                // A connector bundle that lacks a class it needs: without this the thread would end
                // silently, leaving the task looking busy. Trying again cannot help.
                String message = "A class the task needs cannot be loaded, so a connector bundle is missing a"
                        + " library or is broken (see GET /api/v1/bundles): " + e;
                progress.error(message);
                LOG.error("Task {} failed: {}", taskId, message, e);
                progress.state(TaskState.FAILED);
                return;
            } catch (Exception e) {
                String message = describe(e);
                progress.error(message);
                if (!isTransient(e) || !retries()) {
                    LOG.error("Task {} failed: {}", taskId, message, e);
                    progress.state(TaskState.FAILED);
                    return;
                }
                if (Duration.ofNanos(System.nanoTime() - began).compareTo(pause.multipliedBy(2)) > 0) {
                    pause = FIRST_RETRY_PAUSE; // it worked for a while: a new outage, not the same one
                }
                LOG.warn("Task {} retries in {} s: {}", taskId, pause.toSeconds(), message);
                progress.state(TaskState.STARTING);
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause.multipliedBy(2);
            }
        }
        progress.state(TaskState.STOPPED);
    }

    /** Asks the task to stop; what it has not committed is done again on the next start. */
    void stop() {
        stopping = true;
    }

    TaskStatus status() {
        return progress.status();
    }

    /** Waits, but not past a request to stop. */
    void sleep(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        try {
            while (!stopping && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isTransient(Exception e) {
        if (e instanceof CatalogException) {
            return true; // the source's tables could not be read: it is down or unreachable
        }
        if (e instanceof ConnectorException connector) {
            return connector.isTransient();
        }
        return e instanceof SQLException sql && SqlStates.isTransient(sql);
    }

    /** The error and its causes, as a user reads them in the status. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(" (cause: ").append(cause.getMessage()).append(')');
            }
        }
        return text.toString();
    }
}
