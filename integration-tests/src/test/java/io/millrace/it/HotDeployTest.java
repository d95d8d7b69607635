package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.plugin.testing.TestBundle;
import io.millrace.plugin.testing.fixtures.FailingComponent;
import io.millrace.plugin.testing.fixtures.FixtureConnector;
import io.millrace.plugin.testing.fixtures.ThrowingActivator;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServer.class)
class HotDeployTest {
    /** What the issue promises: a copied connector is listed within 5 seconds. */
    private static final Duration DEPLOY_DEADLINE = Duration.ofSeconds(5);

    private MillraceServer server;
    private Api admin;

    @BeforeEach
    void signIn(MillraceServer server) {
        this.server = server;
        this.admin = Api.anonymous(server).login("admin", server.adminPassword());
    }

    @Test
    void theCoreBundlesAreAllActiveAndTheH2ConnectorIsListed() {
        JsonNode bundles = admin.get("/api/v1/bundles").json();
        assertThat(bundles.size()).isGreaterThan(10);
        for (JsonNode bundle : bundles) {
            if (bundle.path("origin").asText().equals("CORE")) {
                assertThat(bundle.path("state").asText())
                        .as(bundle.path("symbolicName").asText())
                        .isEqualTo("ACTIVE");
                assertThat(bundle.path("error").isNull() || bundle.path("error").isMissingNode())
                        .as(bundle.toString())
                        .isTrue();
            }
        }

        JsonNode h2 = connector("h2").orElseThrow();
        assertThat(h2.path("kinds").toString()).contains("TARGET");
        assertThat(h2.path("bundleSymbolicName").asText()).isEqualTo("io.millrace.connector.h2");
        assertThat(h2.path("version").asText()).startsWith("0.1.0");
    }

    @Test
    void aConnectorCopiedIntoDeployIsListedUpdatedInPlaceAndGoneWhenDeleted() throws Exception {
        var jar = server.deployFolder().resolve("folder-connector.jar");
        TestBundle.write(connector("org.example.folder", "1.0.0", "folder-demo"), jar);

        JsonNode listed = await(DEPLOY_DEADLINE, api -> connector("folder-demo"));
        assertThat(listed.path("version").asText()).isEqualTo("1.0.0");
        assertThat(listed.path("bundleSymbolicName").asText()).isEqualTo("org.example.folder");

        TestBundle.write(connector("org.example.folder", "1.1.0", "folder-demo"), jar);
        await(DEPLOY_DEADLINE, api -> connector("folder-demo").filter(c -> c.path("version")
                .asText()
                .equals("1.1.0")));
        assertThat(admin.get("/api/v1/bundles/org.example.folder").json().size()).isEqualTo(1);

        Files.delete(jar);
        await(DEPLOY_DEADLINE, api -> connector("folder-demo").isEmpty() ? Optional.of(true) : Optional.empty());
    }

    @Test
    void anUploadedConnectorIsDeployedAndCanBeRemoved() {
        Api.Response multipart = admin.postMultipart(
                "/api/v1/bundles", "upload.jar", connector("org.example.uploaded", "2.0.0", "uploaded-demo"));
        assertThat(multipart.status()).as(multipart.body()).isEqualTo(201);
        assertThat(multipart.json().path("state").asText()).isEqualTo("ACTIVE");
        assertThat(multipart.header("Location")).isPresent();
        assertThat(connector("uploaded-demo")).isPresent();

        Api.Response raw = admin.postRaw(
                "/api/v1/bundles",
                "application/java-archive",
                connector("org.example.uploaded", "2.1.0", "uploaded-demo"));
        assertThat(raw.status()).as(raw.body()).isEqualTo(201);
        assertThat(server.deployFolder().resolve("org.example.uploaded-2.1.0.jar")).exists();

        assertThat(admin.delete("/api/v1/bundles/org.example.uploaded?version=2.0.0").status())
                .isEqualTo(200);
        assertThat(admin.delete("/api/v1/bundles/org.example.uploaded").status())
                .isEqualTo(200);
        assertThat(connector("uploaded-demo")).isEmpty();
        assertThat(admin.get("/api/v1/bundles/org.example.uploaded").status()).isEqualTo(404);
    }

    @Test
    void brokenUploadsAreRefusedWithTheirCauseAndTheServerCarriesOn() {
        assertRefused(TestBundle.plainJar(), 400, "Bundle-SymbolicName");
        assertRefused(
                TestBundle.named("org.example.needy")
                        .importing("com.example.missing")
                        .toBytes(),
                422,
                "com.example.missing");
        assertRefused(
                TestBundle.named("org.example.throwing")
                        .activator(ThrowingActivator.class)
                        .toBytes(),
                422,
                ThrowingActivator.MESSAGE);
        assertRefused(
                TestBundle.named("org.example.failing")
                        .component(FailingComponent.class, Map.of())
                        .toBytes(),
                422,
                FailingComponent.MESSAGE);
        assertRefused(TestBundle.named("io.millrace.plugin").toBytes(), 409, "part of the server");

        assertThat(Api.anonymous(server).get("/api/v1/health").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/bundles").body()).doesNotContain("org.example.needy", "org.example.throwing");
    }

    @Test
    void brokenJarsInDeployAreShownWithTheirCause() throws Exception {
        TestBundle.write(TestBundle.plainJar(), server.deployFolder().resolve("plain-broken.jar"));
        TestBundle.named("org.example.unresolved")
                .importing("com.example.absent")
                .writeTo(server.deployFolder().resolve("unresolved-broken.jar"));

        JsonNode plain = await(DEPLOY_DEADLINE, api -> folderEntry("plain-broken.jar"));
        assertThat(plain.path("status").asText()).isEqualTo("FAILED");
        assertThat(plain.path("error").asText()).contains("Bundle-SymbolicName");

        JsonNode unresolved = await(DEPLOY_DEADLINE, api -> Optional.of(
                        admin.get("/api/v1/bundles/org.example.unresolved").json())
                .filter(list -> list.size() == 1 && list.get(0).hasNonNull("error"))
                .map(list -> list.get(0)));
        assertThat(unresolved.path("state").asText()).isEqualTo("INSTALLED");
        assertThat(unresolved.path("error").asText()).contains("com.example.absent");

        Files.delete(server.deployFolder().resolve("plain-broken.jar"));
        Files.delete(server.deployFolder().resolve("unresolved-broken.jar"));
        await(DEPLOY_DEADLINE, api -> admin.get("/api/v1/bundles/org.example.unresolved").status() == 404
                ? Optional.of(true)
                : Optional.empty());
    }

    private void assertRefused(byte[] jar, int status, String cause) {
        Api.Response refused = admin.postRaw("/api/v1/bundles", "application/octet-stream", jar);
        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(refused.json().path("detail").asText()).contains(cause);
    }

    static byte[] connector(String symbolicName, String version, String id) {
        return TestBundle.named(symbolicName)
                .version(version)
                .component(FixtureConnector.class, Map.of("connector.id", id), ConnectorProvider.class)
                .toBytes();
    }

    private Optional<JsonNode> connector(String id) {
        return StreamSupport.stream(admin.get("/api/v1/connectors").json().spliterator(), false)
                .filter(connector -> connector.path("id").asText().equals(id))
                .reduce((older, newer) -> newer);
    }

    private Optional<JsonNode> folderEntry(String file) {
        return StreamSupport.stream(admin.get("/api/v1/deploy-folder").json().spliterator(), false)
                .filter(entry -> entry.path("file").asText().equals(file))
                .findFirst();
    }

    private <T> T await(Duration deadline, Function<Api, Optional<T>> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            Optional<T> value = condition.apply(admin);
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + deadline + "; bundles: "
                        + admin.get("/api/v1/bundles").body() + "\nlog:\n" + server.log());
            }
            MillraceServer.sleep(Duration.ofMillis(100));
        }
    }
}
