package io.millrace.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.engine.TaskStatus;
import io.millrace.project.TaskInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ChunkedOutput;

/**
 * One client's stream of a project's task statuses: a tick on the API's shared scheduler writes an
 * event each second, so that no thread waits per client. It ends when the client goes away, the
 * token is no longer valid, the project is gone, or the stream has lived {@link #LIFETIME}.
 */
final class ProjectEventStream implements Runnable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final Services services;
    private final String projectId;
    private final String credential;
    private final ObjectMapper json;
    private final ChunkedOutput<String> output;
    private final long end = System.nanoTime() + LIFETIME.toNanos();
    private volatile ScheduledFuture<?> ticks;

    ProjectEventStream(
            Services services, String projectId, String credential, ObjectMapper json, ChunkedOutput<String> output) {
        this.services = services;
        this.projectId = projectId;
        this.credential = credential;
        this.json = json;
        this.output = output;
    }

    void start() {
        try {
            ticks = services.streams().scheduleWithFixedDelay(this, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            throw ApiProblem.serviceUnavailable("The API is restarting; connect again in a moment");
        }
    }

    @Override
    public void run() {
        try {
            if (output.isClosed()) {
                close();
            } else if (!services.signInAvailable()
                    || services.authenticator().authenticate(credential).isEmpty()) {
                send("expired", Map.of("detail", "The session expired or was signed out; sign in again"));
                close();
            } else if (System.nanoTime() > end) {
                close();
            } else {
                send("status", Map.of("at", Instant.now(), "tasks", statuses()));
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, or the project or a service did: end this stream only.
            try {
                if (!output.isClosed()) {
                    send("gone", Map.of("detail", String.valueOf(e.getMessage())));
                }
            } catch (IOException | RuntimeException ignored) {
                // nobody is listening any more
            }
            close();
        }
    }

    private List<TaskStatus> statuses() {
        List<TaskStatus> statuses = new ArrayList<>();
        for (TaskInfo task : services.projects().tasks(projectId)) {
            statuses.add(services.taskEngine().status(projectId, task.id()));
        }
        return statuses;
    }

    private void send(String event, Object data) throws IOException {
        output.write(format(event, data, json));
    }

    /** An event as the text/event-stream format has it: JSON data on one line, then a blank line. */
    static String format(String event, Object data, ObjectMapper json) throws JsonProcessingException {
        return "event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n";
    }

    private void close() {
        ScheduledFuture<?> scheduled = ticks;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        try {
            output.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
