package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.plugin.testing.TestBundle;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server of its own, stopped and started again. */
class RestartTest {

    @Test
    void usersApiKeysConnectionsAndDeployedBundlesSurviveARestart() {
        try (MillraceServer server = MillraceServer.install(SharedServer.newHome("restart"))) {
            String adminPassword = server.adminPassword();
            Api admin = Api.anonymous(server).login("admin", adminPassword);
            assertThat(admin.post(
                                    "/api/v1/users",
                                    Map.of(
                                            "username",
                                            "restart-user",
                                            "password",
                                            "survives restarts",
                                            "roles",
                                            new String[] {"user"}))
                            .status())
                    .isEqualTo(201);
            String apiKey = admin.post("/api/v1/api-keys", Map.of("name", "restart key"))
                    .json()
                    .path("secret")
                    .asText();
            assertThat(admin.postRaw(
                                    "/api/v1/bundles",
                                    "application/java-archive",
                                    TestBundle.withVersion(HotDeployTest.shippedH2(server), "0.7.0"))
                            .status())
                    .isEqualTo(201);

            String connection = admin.post(
                            "/api/v1/connections",
                            Map.of(
                                    "name",
                                    "durable target",
                                    "connector",
                                    "h2",
                                    "properties",
                                    Map.of("url", "jdbc:h2:mem:durable"),
                                    "secrets",
                                    Map.of("password", "")))
                    .json()
                    .path("id")
                    .asText();

            server.stop();
            assertThat(server.log()).contains("Millrace stopped");
            server.start();

            assertThat(server.adminPassword()).isEqualTo(adminPassword);
            Api user = Api.anonymous(server).login("restart-user", "survives restarts");
            assertThat(user.get("/api/v1/auth/me").json().path("username").asText())
                    .isEqualTo("restart-user");
            Api script = Api.anonymous(server).withBearer(apiKey);
            assertThat(script.get("/api/v1/bundles/" + HotDeployTest.H2_BUNDLE).body())
                    .contains("\"0.7.0\"");
            assertThat(script.get("/api/v1/connections/" + connection)
                            .json()
                            .path("name")
                            .asText())
                    .isEqualTo("durable target");
            assertThat(script.post("/api/v1/connections/" + connection + "/test", Map.of())
                            .body())
                    .doesNotContain("\"FAILED\"");
            assertThat(server.log()).doesNotContain(adminPassword);
        }
    }
}
