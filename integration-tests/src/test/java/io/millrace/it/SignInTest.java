package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServer.class)
class SignInTest {

    @Test
    void healthIsPublicAndEverythingElseAsksForCredentials(MillraceServer server) {
        Api anonymous = Api.anonymous(server);

        Api.Response health = anonymous.get("/api/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");

        for (String path :
                new String[] {"/api/v1/bundles", "/api/v1/connectors", "/api/v1/users", "/api/v1/api-keys"}) {
            Api.Response refused = anonymous.get(path);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.header("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.header("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        }
        assertThat(anonymous.withBearer("not-a-token").get("/api/v1/bundles").status())
                .isEqualTo(401);
    }

    @Test
    void theInitialAdminPasswordIsPrivateAndSignsIn(MillraceServer server) throws Exception {
        var passwordFile = server.home().resolve("data/initial-admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        String password = server.adminPassword();
        assertThat(server.log()).doesNotContain(password);
        assertThat(server.console()).doesNotContain(password);

        Api admin = Api.anonymous(server).login("admin", password);

        Api.Response me = admin.get("/api/v1/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asText()).isEqualTo("admin");
    }

    @Test
    void aWrongPasswordIsRefusedWithAProblem(MillraceServer server) {
        Api.Response refused =
                Api.anonymous(server).post("/api/v1/auth/login", Map.of("username", "admin", "password", "wrong"));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("type").asText()).startsWith("https://millrace.io/problems/");
        assertThat(refused.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhy(MillraceServer server) {
        Api.Response refused =
                Api.anonymous(server).postRaw("/api/v1/auth/login", "application/json", "{\"username\": ".getBytes());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefusedNamingTheField(MillraceServer server) {
        Api anonymous = Api.anonymous(server);

        Api.Response unknown = anonymous.postRaw(
                "/api/v1/auth/login",
                "application/json",
                "{\"username\":\"a\",\"password\":\"b\",\"pasword\":1}".getBytes());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asText()).contains("'pasword'");

        Api admin = anonymous.login("admin", server.adminPassword());
        Api.Response wrongType =
                admin.postRaw("/api/v1/api-keys", "application/json", "{\"name\":\"k\",\"expiresAt\":[1]}".getBytes());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("detail").asText()).contains("expiresAt");
        assertThat(admin.get("/api/v1/api-keys").body()).doesNotContain("\"k\"");
    }

    @Test
    void loggingOutRevokesTheToken(MillraceServer server) {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        assertThat(admin.get("/api/v1/auth/me").status()).isEqualTo(200);

        assertThat(admin.post("/api/v1/auth/logout", java.util.Map.of()).status())
                .isEqualTo(204);

        assertThat(admin.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint(MillraceServer server) {
        assertThat(Api.anonymous(server).get("/api/v1/openapi.json").status()).isEqualTo(401);
        Api.Response document =
                Api.anonymous(server).login("admin", server.adminPassword()).get("/api/v1/openapi.json");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().path("openapi").asText()).startsWith("3.");
        assertThat(document.json().path("paths").properties())
                .extracting(java.util.Map.Entry::getKey)
                .contains(
                        "/v1/health",
                        "/v1/auth/login",
                        "/v1/users",
                        "/v1/api-keys",
                        "/v1/bundles",
                        "/v1/bundles/{symbolicName}",
                        "/v1/deploy-folder",
                        "/v1/connectors",
                        "/v1/connectors/{id}/test",
                        "/v1/connections",
                        "/v1/connections/{id}/test",
                        "/v1/connections/{id}/catalog");
        assertThat(document.json().path("components").path("securitySchemes").has("bearer"))
                .isTrue();
    }

    @Test
    void apiKeysAreShownOnceWorkAsBearerCredentialsAndCanBeRevoked(MillraceServer server) {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());

        Api.Response created = admin.post("/api/v1/api-keys", Map.of("name", "sign-in-test script"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asText();
        String id = created.json().path("id").asText();
        assertThat(secret).isNotBlank();

        Api script = Api.anonymous(server).withBearer(secret);
        assertThat(script.get("/api/v1/bundles").status()).isEqualTo(200);
        Api.Response listed = admin.get("/api/v1/api-keys");
        assertThat(listed.body()).contains(id).doesNotContain(secret);

        assertThat(server.log()).doesNotContain(secret);

        assertThat(admin.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);
        assertThat(script.get("/api/v1/bundles").status()).isEqualTo(401);
    }

    @Test
    void aUserWithoutAdminRightsMayLookButNotChangeBundles(MillraceServer server) {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        Api.Response created = admin.post(
                "/api/v1/users",
                Map.of("username", "sign-in-viewer", "password", "a long viewer password", "roles", new String[] {"user"
                }));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Api viewer = Api.anonymous(server).login("sign-in-viewer", "a long viewer password");

        assertThat(viewer.get("/api/v1/bundles").status()).isEqualTo(200);
        Api.Response refused = viewer.delete("/api/v1/bundles/org.example.anything");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("detail").asText()).contains("sign-in-viewer");
    }
}
