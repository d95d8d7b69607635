package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The endpoints the console watches and previews with: a project's event stream and its data. */
@ExtendWith(SharedServer.class)
class ProjectLiveApiTest {
    private MillraceServer server;
    private String token;
    private Api admin;
    private String project;

    @BeforeEach
    void createProject(MillraceServer server) {
        this.server = server;
        Api.Response login = Api.anonymous(server)
                .post("/api/v1/auth/login", Map.of("username", "admin", "password", server.adminPassword()));
        token = login.json().path("token").asText();
        admin = Api.anonymous(server).withBearer(token);
        Api.Response target = admin.post(
                "/api/v1/connections",
                Map.of(
                        "name",
                        "live api target " + System.nanoTime(),
                        "connector",
                        "h2",
                        "properties",
                        Map.of("url", "jdbc:h2:mem:live-api-" + System.nanoTime())));
        assertThat(target.status()).as(target.body()).isEqualTo(201);
        Api.Response created = admin.post(
                "/api/v1/projects",
                Map.of(
                        "name",
                        "live" + (System.nanoTime() % 100000),
                        "type",
                        "replication",
                        "targetConnection",
                        target.json().path("id").asText()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        project = created.json().path("id").asText();
    }

    @Test
    void theEventStreamSendsTheProjectsTaskStatusEverySecondToSignedInCallersOnly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/api/v1/projects/" + project + "/events"))
                .header("Authorization", "Bearer " + token)
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        long started = System.nanoTime();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < 4 && (line = lines.readLine()) != null) {
                if (!line.isEmpty()) {
                    events.add(line);
                }
            }
        }
        assertThat(events.get(0)).isEqualTo("event: status");
        assertThat(events.get(1)).startsWith("data: {").contains("\"tasks\":[]").contains("\"at\":");
        assertThat(events.get(2)).isEqualTo("event: status");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(500));

        Api.Response anonymous = Api.anonymous(server).get("/api/v1/projects/" + project + "/events");
        assertThat(anonymous.status()).isEqualTo(401);
        Api.Response unknown = admin.get("/api/v1/projects/no-such-project/events");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void theDataPreviewReadsOnlyTheProjectsOwnTablesWithinItsLimits() {
        Api.Response objects = admin.get("/api/v1/projects/" + project + "/data");
        assertThat(objects.status()).as(objects.body()).isEqualTo(200);
        assertThat(objects.json().isArray()).isTrue();

        Api.Response tooMany = admin.get("/api/v1/projects/" + project + "/data/x_landing/t?limit=501");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().path("detail").asText()).contains("between 1 and 500");

        Api.Response elsewhere = admin.get("/api/v1/projects/" + project + "/data/INFORMATION_SCHEMA/USERS");
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(elsewhere.json().path("detail").asText()).contains("has no table or view INFORMATION_SCHEMA.USERS");

        String openApi = admin.get("/api/v1/openapi.json").body();
        assertThat(openApi).contains("/v1/projects/{id}/events").contains("/v1/projects/{id}/data/{schema}/{name}");
    }
}
