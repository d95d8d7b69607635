package io.millrace.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A client of the REST API, signed in or not. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MillraceServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Optional<String> bearer;

    private Api(MillraceServer server, Optional<String> bearer) {
        this.server = server;
        this.bearer = bearer;
    }

    public static Api anonymous(MillraceServer server) {
        return new Api(server, Optional.empty());
    }

    public Api withBearer(String credential) {
        return new Api(server, Optional.of(credential));
    }

    /** Signs in and returns a client that sends the token. */
    public Api login(String username, String password) {
        Response response = post("/api/v1/auth/login", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new AssertionError("Login as " + username + " failed: " + response);
        }
        return withBearer(response.json().path("token").asText());
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        return sendJson("POST", path, body);
    }

    public Response put(String path, Object body) {
        return sendJson("PUT", path, body);
    }

    public Response postRaw(String path, String contentType, byte[] body) {
        return send(
                request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Uploads a file as the single part of a multipart/form-data request. */
    public Response postMultipart(String path, String fileName, byte[] content) {
        String boundary = "millrace-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                .getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return postRaw(path, "multipart/form-data; boundary=" + boundary, body);
    }

    private Response sendJson(String method, String path, Object body) {
        try {
            return send(request(path)
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60));
        bearer.ifPresent(credential -> builder.header("Authorization", "Bearer " + credential));
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and body, with the body readable as JSON. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst();
        }
    }
}
