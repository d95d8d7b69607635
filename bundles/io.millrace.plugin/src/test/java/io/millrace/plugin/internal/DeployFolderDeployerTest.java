package io.millrace.plugin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.ConnectorProvider;
import io.millrace.plugin.BundleInfo;
import io.millrace.plugin.BundleOrigin;
import io.millrace.plugin.BundleRejectedException;
import io.millrace.plugin.BundleRejectedException.Reason;
import io.millrace.plugin.BundleState;
import io.millrace.plugin.DeployFolderEntry;
import io.millrace.plugin.testing.TestBundle;
import io.millrace.plugin.testing.fixtures.FailingComponent;
import io.millrace.plugin.testing.fixtures.FixtureConnector;
import io.millrace.plugin.testing.fixtures.ThrowingActivator;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFolderDeployerTest {
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    Path home;

    private Path folder;
    private RunningFramework framework;
    private DeployFolderDeployer deployer;

    @BeforeEach
    void start() throws Exception {
        folder = Files.createDirectories(home.resolve("deploy"));
        startServer();
    }

    @AfterEach
    void stop() throws Exception {
        stopServer();
    }

    @Test
    void aJarCopiedIntoTheFolderIsStartedAndRemovingItUninstallsIt() throws Exception {
        connector("org.example.alpha", "1.0.0", "alpha").writeTo(folder.resolve("alpha.jar"));

        BundleInfo alpha = await(() -> active("org.example.alpha"));
        assertThat(alpha.origin()).isEqualTo(BundleOrigin.DEPLOYED);
        assertThat(alpha.file()).contains("alpha.jar");
        assertThat(alpha.components())
                .singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo("active"));
        assertThat(deployer.deployFolder())
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo(DeployFolderEntry.Status.INSTALLED));

        Files.delete(folder.resolve("alpha.jar"));
        await(() -> deployer.find("org.example.alpha").isEmpty() ? Optional.of(true) : Optional.empty());
        assertThat(deployer.deployFolder()).isEmpty();
    }

    @Test
    void aNewerVersionCopiedOverTheJarUpdatesTheBundleInPlace() throws Exception {
        Path jar = connector("org.example.beta", "1.0.0", "beta").writeTo(folder.resolve("beta.jar"));
        long id = await(() -> active("org.example.beta")).id();

        connector("org.example.beta", "1.1.0", "beta").writeTo(jar);

        BundleInfo updated =
                await(() -> active("org.example.beta").filter(b -> b.version().equals("1.1.0")));
        assertThat(updated.id()).isEqualTo(id);
        assertThat(deployer.find("org.example.beta")).hasSize(1);
    }

    @Test
    void aPlainJarInTheFolderIsReportedAndNotInstalled() throws Exception {
        TestBundle.write(TestBundle.plainJar(), folder.resolve("plain.jar"));

        DeployFolderEntry entry = await(() -> deployer.deployFolder().stream().findFirst());
        assertThat(entry.status()).isEqualTo(DeployFolderEntry.Status.FAILED);
        assertThat(entry.error()).hasValueSatisfying(error -> assertThat(error).contains("Bundle-SymbolicName"));
        assertThat(deployer.list()).noneMatch(b -> b.origin() == BundleOrigin.DEPLOYED);
    }

    @Test
    void aBundleInTheFolderThatDoesNotResolveNamesTheMissingPackage() throws Exception {
        TestBundle.named("org.example.needy").importing("com.example.missing").writeTo(folder.resolve("needy.jar"));

        // Until the deployer has tried to start it, the bundle shows a general error.
        BundleInfo needy = await(() -> deployer.find("org.example.needy").stream()
                .filter(b ->
                        b.error().filter(error -> !error.contains("server log")).isPresent())
                .findFirst());
        assertThat(needy.state()).isEqualTo(BundleState.INSTALLED);
        assertThat(needy.error()).hasValueSatisfying(error -> assertThat(error).contains("com.example.missing"));
    }

    @Test
    void anUploadedBundleIsWrittenToTheFolderStartedAndCanBeUndeployed() throws Exception {
        BundleInfo deployed = deployer.deploy(stream(connector("org.example.gamma", "2.0.0", "gamma")));

        assertThat(deployed.state()).isEqualTo(BundleState.ACTIVE);
        assertThat(deployed.file()).contains("org.example.gamma-2.0.0.jar");
        assertThat(folder.resolve("org.example.gamma-2.0.0.jar")).exists();

        BundleInfo removed = deployer.undeploy("org.example.gamma", Optional.empty());

        assertThat(removed.version()).isEqualTo("2.0.0");
        assertThat(folder.resolve("org.example.gamma-2.0.0.jar")).doesNotExist();
        assertThat(deployer.find("org.example.gamma")).isEmpty();
    }

    @Test
    void uploadsThatCannotWorkAreRefusedWithTheirCauseAndLeaveNothingBehind() throws Exception {
        assertRejected(TestBundle.plainJar(), Reason.NOT_A_BUNDLE, "Bundle-SymbolicName");
        assertRejected("not even a zip".getBytes(), Reason.NOT_A_BUNDLE, "not a jar");
        assertRejected(
                TestBundle.named("org.example.needy")
                        .importing("com.example.missing")
                        .toBytes(),
                Reason.UNRESOLVED,
                "com.example.missing");
        assertRejected(
                TestBundle.named("org.example.throwing")
                        .activator(ThrowingActivator.class)
                        .toBytes(),
                Reason.START_FAILED,
                ThrowingActivator.MESSAGE);
        assertRejected(
                TestBundle.named("org.example.failing")
                        .component(FailingComponent.class, Map.of())
                        .toBytes(),
                Reason.START_FAILED,
                FailingComponent.MESSAGE);

        assertThat(deployer.list()).noneMatch(b -> b.origin() == BundleOrigin.DEPLOYED);
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBrokenReplacementOfTheSameVersionIsRolledBack() throws Exception {
        deployer.deploy(stream(connector("org.example.delta", "1.0.0", "delta")));
        byte[] original = Files.readAllBytes(folder.resolve("org.example.delta-1.0.0.jar"));

        assertThatThrownBy(() -> deployer.deploy(
                        stream(TestBundle.named("org.example.delta").activator(ThrowingActivator.class))))
                .isInstanceOfSatisfying(
                        BundleRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.START_FAILED));

        await(() -> active("org.example.delta"));
        assertThat(Files.readAllBytes(folder.resolve("org.example.delta-1.0.0.jar")))
                .isEqualTo(original);
    }

    @Test
    void twoVersionsDeploySideBySideAndTheRegistryPrefersTheNewest() throws Exception {
        ConnectorProviderRegistry registry = new ConnectorProviderRegistry();
        var tracker =
                new org.osgi.util.tracker.ServiceTracker<ConnectorProvider, ConnectorProvider>(
                        framework.context(), ConnectorProvider.class, null) {
                    @Override
                    public ConnectorProvider addingService(org.osgi.framework.ServiceReference<ConnectorProvider> ref) {
                        ConnectorProvider provider = super.addingService(ref);
                        registry.addProvider(provider, ref);
                        return provider;
                    }

                    @Override
                    public void removedService(
                            org.osgi.framework.ServiceReference<ConnectorProvider> ref, ConnectorProvider provider) {
                        registry.removeProvider(ref);
                        super.removedService(ref, provider);
                    }
                };
        tracker.open();
        try {
            deployer.deploy(stream(connector("org.example.epsilon", "1.0.0", "epsilon")));
            deployer.deploy(stream(connector("org.example.epsilon", "1.2.0", "epsilon")));

            assertThat(registry.list())
                    .extracting(c -> c.id() + "@" + c.version())
                    .containsExactly("epsilon@1.0.0", "epsilon@1.2.0");
            assertThat(registry.find("epsilon", Optional.empty())).isPresent();
            assertThat(registry.find("epsilon", Optional.of("1.0.0"))).isPresent();
            assertThat(registry.find("epsilon", Optional.of("9.0.0"))).isEmpty();
            assertThatThrownBy(() -> deployer.undeploy("org.example.epsilon", Optional.empty()))
                    .isInstanceOfSatisfying(
                            BundleRejectedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));

            deployer.undeploy("org.example.epsilon", Optional.of("1.2.0"));

            assertThat(registry.list()).extracting(c -> c.version()).containsExactly("1.0.0");
        } finally {
            tracker.close();
        }
    }

    @Test
    void removingCoreOrUnknownBundlesIsRefused() throws Exception {
        framework.context().installBundle("system:core.jar", stream(TestBundle.named("org.example.core")));

        assertThatThrownBy(() -> deployer.undeploy("org.example.core", Optional.empty()))
                .isInstanceOfSatisfying(
                        BundleRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        assertThatThrownBy(() -> deployer.deploy(stream(TestBundle.named("org.example.core"))))
                .isInstanceOfSatisfying(
                        BundleRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
        assertThatThrownBy(() -> deployer.undeploy("org.example.nothing", Optional.empty()))
                .isInstanceOfSatisfying(
                        BundleRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void deployedBundlesSurviveARestartAndJarsRemovedMeanwhileAreUninstalled() throws Exception {
        deployer.deploy(stream(connector("org.example.zeta", "1.0.0", "zeta")));
        deployer.deploy(stream(connector("org.example.eta", "1.0.0", "eta")));

        stopServer();
        Files.delete(folder.resolve("org.example.eta-1.0.0.jar"));
        startServer();

        await(() -> active("org.example.zeta"));
        await(() -> deployer.find("org.example.eta").isEmpty() ? Optional.of(true) : Optional.empty());
        assertThat(deployer.deployFolder())
                .extracting(DeployFolderEntry::file)
                .containsExactly("org.example.zeta-1.0.0.jar");
    }

    private void startServer() throws Exception {
        framework = new RunningFramework(home.resolve("cache"));
        deployer = new DeployFolderDeployer(framework.context(), framework.runtime(), folder, POLL, Clock.systemUTC());
    }

    private void stopServer() throws Exception {
        deployer.stop();
        framework.close();
    }

    private void assertRejected(byte[] jar, Reason reason, String cause) {
        assertThatThrownBy(() -> deployer.deploy(new ByteArrayInputStream(jar)))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(cause);
                });
    }

    private Optional<BundleInfo> active(String symbolicName) {
        return deployer.find(symbolicName).stream()
                .filter(BundleInfo::healthy)
                // Every test bundle has a component, which SCR activates a moment after the bundle.
                .filter(b -> !b.components().isEmpty())
                .filter(b -> b.components().stream().allMatch(c -> c.state().equals("active")))
                .findFirst();
    }

    private static TestBundle connector(String symbolicName, String version, String id) {
        return TestBundle.named(symbolicName)
                .version(version)
                .component(FixtureConnector.class, Map.of("connector.id", id), ConnectorProvider.class);
    }

    private static ByteArrayInputStream stream(TestBundle bundle) {
        return new ByteArrayInputStream(bundle.toBytes());
    }

    private <T> T await(Supplier<Optional<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("Timed out; bundles: " + deployer.list() + ", folder: " + deployer.deployFolder());
    }
}
