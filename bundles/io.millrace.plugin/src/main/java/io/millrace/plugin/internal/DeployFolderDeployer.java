package io.millrace.plugin.internal;

import io.millrace.plugin.BundleDeployer;
import io.millrace.plugin.BundleInfo;
import io.millrace.plugin.BundleOrigin;
import io.millrace.plugin.BundleRejectedException;
import io.millrace.plugin.BundleRejectedException.Reason;
import io.millrace.plugin.DeployFolderEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the installed bundles in step with the jars in the deploy folder, and deploys uploaded jars
 * by writing them there. The folder is the single record of what is deployed: a restart, a copy by
 * hand and an upload all end up as the same files, so nothing is deployed that the folder does not
 * show.
 */
@Component(service = BundleDeployer.class, immediate = true)
public final class DeployFolderDeployer implements BundleDeployer {
    /** Uploads larger than this are refused: no connector bundle comes near it. */
    static final long MAX_UPLOAD_BYTES = 128L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderDeployer.class);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(30);

    private final BundleContext context;
    private final Path folder;
    private final Clock clock;
    private final ComponentStates components;
    private final StartFailures startFailures = new StartFailures();
    private final BundleDescriber describer;
    /** Serializes every change to the installed bundles: folder scans, uploads and removals. */
    private final ReentrantLock changes = new ReentrantLock();
    /** What each jar looked like when it was last acted on, by file name. */
    private final Map<String, FileFingerprint> handled = new HashMap<>();
    /** What each jar looked like at the previous scan, to let copies finish before acting. */
    private final Map<String, FileFingerprint> lastSeen = new HashMap<>();

    private final Map<String, DeployFolderEntry> entries = new HashMap<>();
    private final ScheduledExecutorService scanner;

    @Activate
    public DeployFolderDeployer(BundleContext context, @Reference ServiceComponentRuntime runtime) {
        this(
                context,
                runtime,
                Path.of(requiredProperty(context, "millrace.deploy")),
                Duration.ofMillis(Long.parseLong(Optional.ofNullable(context.getProperty("millrace.deploy.poll.ms"))
                        .orElse("500"))),
                Clock.systemUTC());
    }

    DeployFolderDeployer(
            BundleContext context, ServiceComponentRuntime runtime, Path folder, Duration pollInterval, Clock clock) {
        this.context = context;
        this.folder = folder;
        this.clock = clock;
        this.components = new ComponentStates(runtime);
        this.describer = new BundleDescriber(components, startFailures);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the deploy folder " + folder, e);
        }
        scanner = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "millrace-deploy-folder");
            thread.setDaemon(true);
            return thread;
        });
        scanner.scheduleWithFixedDelay(this::scanSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for bundles to deploy", folder);
    }

    @Deactivate
    void stop() throws InterruptedException {
        scanner.shutdownNow();
        scanner.awaitTermination(REFRESH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public List<BundleInfo> list() {
        return Arrays.stream(context.getBundles())
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(describer::describe)
                .toList();
    }

    @Override
    public List<DeployFolderEntry> deployFolder() {
        changes.lock();
        try {
            return entries.values().stream()
                    .sorted(Comparator.comparing(DeployFolderEntry::file))
                    .toList();
        } finally {
            changes.unlock();
        }
    }

    @Override
    public List<BundleInfo> find(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .sorted(Comparator.comparing(Bundle::getVersion))
                .map(describer::describe)
                .toList();
    }

    @Override
    public BundleInfo deploy(InputStream jar) {
        Path upload = spool(jar);
        try {
            BundleJar manifest = BundleJar.read(upload);
            changes.lock();
            try {
                return deployUpload(upload, manifest);
            } finally {
                changes.unlock();
            }
        } finally {
            deleteQuietly(upload);
        }
    }

    @Override
    public BundleInfo undeploy(String symbolicName, Optional<String> version) {
        changes.lock();
        try {
            List<Bundle> named = bundlesNamed(symbolicName);
            if (named.stream().anyMatch(bundle -> BundleDescriber.origin(bundle) != BundleOrigin.DEPLOYED)) {
                throw new BundleRejectedException(
                        Reason.CONFLICT,
                        "The bundle " + symbolicName + " is part of the server and cannot be removed at runtime");
            }
            List<Bundle> matching = named.stream()
                    .filter(bundle ->
                            version.isEmpty() || bundle.getVersion().toString().equals(version.get()))
                    .toList();
            if (matching.isEmpty()) {
                throw new BundleRejectedException(
                        Reason.NOT_FOUND,
                        "No deployed bundle is named " + symbolicName
                                + version.map(v -> " with version " + v).orElse(""));
            }
            if (matching.size() > 1) {
                throw new BundleRejectedException(
                        Reason.CONFLICT,
                        "Several versions of " + symbolicName + " are deployed ("
                                + String.join(
                                        ", ",
                                        matching.stream()
                                                .map(b -> b.getVersion().toString())
                                                .toList())
                                + "); name the one to remove");
            }
            Bundle bundle = matching.get(0);
            BundleInfo removed = describer.describe(bundle);
            String file = BundleDescriber.deployedFile(bundle).orElseThrow();
            // The file goes first, so that a scan cannot install the bundle again.
            deleteQuietly(folder.resolve(file));
            forget(file);
            uninstall(bundle);
            refresh(List.of(bundle));
            LOG.info("Undeployed {} {} ({})", symbolicName, bundle.getVersion(), file);
            return removed;
        } finally {
            changes.unlock();
        }
    }

    private BundleInfo deployUpload(Path upload, BundleJar manifest) {
        List<Bundle> named = bundlesNamed(manifest.symbolicName());
        if (named.stream().anyMatch(bundle -> BundleDescriber.origin(bundle) != BundleOrigin.DEPLOYED)) {
            throw new BundleRejectedException(
                    Reason.CONFLICT,
                    "The bundle " + manifest.symbolicName() + " is part of the server; a deployed bundle cannot"
                            + " replace it. Give the bundle its own symbolic name.");
        }
        Optional<Bundle> sameVersion = named.stream()
                .filter(bundle -> bundle.getVersion().equals(manifest.version()))
                .findFirst();
        return sameVersion.isPresent() ? replace(sameVersion.get(), upload, manifest) : install(upload, manifest);
    }

    private BundleInfo install(Path upload, BundleJar manifest) {
        String file = manifest.fileName();
        Path target = folder.resolve(file);
        Optional<Bundle> occupant = bundleAt(file);
        if (occupant.isPresent()) {
            throw new BundleRejectedException(
                    Reason.CONFLICT,
                    "The deploy folder's " + file + " holds the bundle "
                            + occupant.get().getSymbolicName() + "; rename or remove that file first");
        }
        copy(upload, target);
        Bundle bundle;
        try (InputStream content = Files.newInputStream(target)) {
            bundle = context.installBundle(location(file), content);
        } catch (BundleException | IOException e) {
            deleteQuietly(target);
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE, "The framework refused the bundle: " + e.getMessage(), e);
        }
        try {
            startAndSettle(bundle);
        } catch (BundleRejectedException e) {
            deleteQuietly(target);
            uninstall(bundle);
            refresh(List.of(bundle));
            throw e;
        }
        markHandled(file, target, bundle);
        LOG.info("Deployed {} {} from an upload ({})", manifest.symbolicName(), manifest.version(), file);
        return describer.describe(bundle);
    }

    /** Replaces a deployed bundle of the same name and version; restores it when the new one fails. */
    private BundleInfo replace(Bundle bundle, Path upload, BundleJar manifest) {
        String file = BundleDescriber.deployedFile(bundle).orElseThrow();
        Path target = folder.resolve(file);
        Path backup = folder.resolve("." + file + ".previous");
        copy(target, backup);
        try {
            copy(upload, target);
            update(bundle, target);
            startAndSettle(bundle);
            markHandled(file, target, bundle);
            LOG.info("Replaced {} {} with an upload ({})", manifest.symbolicName(), manifest.version(), file);
            return describer.describe(bundle);
        } catch (BundleRejectedException e) {
            LOG.warn("Restoring the previous {} {}: {}", manifest.symbolicName(), manifest.version(), e.getMessage());
            copy(backup, target);
            try {
                update(bundle, target);
                bundle.start();
            } catch (BundleRejectedException | BundleException restoreFailure) {
                startFailures.record(bundle.getBundleId(), restoreFailure.getMessage());
                LOG.error("The previous {} could not be restored", manifest.symbolicName(), restoreFailure);
            }
            markHandled(file, target, bundle);
            throw e;
        } finally {
            deleteQuietly(backup);
        }
    }

    /** Updates a bundle without starting it, so that a start failure is reported by the caller's start. */
    private void update(Bundle bundle, Path jar) {
        try (InputStream content = Files.newInputStream(jar)) {
            bundle.stop(Bundle.STOP_TRANSIENT);
            bundle.update(content);
        } catch (BundleException | IOException e) {
            throw new BundleRejectedException(
                    Reason.NOT_A_BUNDLE, "The framework refused the bundle: " + e.getMessage(), e);
        }
        refresh(List.of(bundle));
    }

    /** Starts a bundle and waits for its components, so that their failure can be reported. */
    private void startAndSettle(Bundle bundle) {
        if (BundleDescriber.isFragment(bundle)) {
            return;
        }
        try {
            bundle.start();
            startFailures.clear(bundle.getBundleId());
        } catch (BundleException e) {
            String failure = StartFailures.describe(e);
            startFailures.record(bundle.getBundleId(), failure);
            throw new BundleRejectedException(
                    e.getType() == BundleException.RESOLVE_ERROR ? Reason.UNRESOLVED : Reason.START_FAILED,
                    bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + failure,
                    e);
        }
        try {
            components.awaitSettled(bundle, SETTLE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<String> componentFailure = components.failure(bundle);
        if (componentFailure.isPresent()) {
            throw new BundleRejectedException(
                    Reason.START_FAILED,
                    bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + componentFailure.get());
        }
    }

    private void scanSafely() {
        try {
            changes.lock();
            try {
                scan();
            } finally {
                changes.unlock();
            }
        } catch (RuntimeException e) {
            // A scan must never stop the watcher: the next one retries.
            LOG.error("Scanning the deploy folder {} failed", folder, e);
        }
    }

    /** One pass over the folder: install new jars, update changed ones, remove bundles whose jar is gone. */
    void scan() {
        Map<String, FileFingerprint> present = jarsInFolder();
        Map<String, Bundle> deployed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            BundleDescriber.deployedFile(bundle).ifPresent(file -> deployed.put(file, bundle));
        }
        List<Bundle> changed = new ArrayList<>();
        List<Bundle> toStart = new ArrayList<>();

        for (Map.Entry<String, Bundle> entry : deployed.entrySet()) {
            if (!present.containsKey(entry.getKey())) {
                Bundle bundle = entry.getValue();
                LOG.info("{} was removed from {}: uninstalling {}", entry.getKey(), folder, bundle.getSymbolicName());
                uninstall(bundle);
                forget(entry.getKey());
                changed.add(bundle);
            }
        }
        for (Map.Entry<String, FileFingerprint> entry : present.entrySet()) {
            String file = entry.getKey();
            FileFingerprint now = entry.getValue();
            FileFingerprint previous = lastSeen.put(file, now);
            if (now.equals(handled.get(file))) {
                continue;
            }
            Bundle bundle = deployed.get(file);
            if (bundle != null && !handled.containsKey(file) && now.modifiedMillis() <= bundle.getLastModified()) {
                // Installed before this server started, and unchanged since.
                markHandled(file, now, bundle);
                toStart.add(bundle);
                continue;
            }
            if (!now.equals(previous)) {
                continue; // still being written: act once it has stopped changing
            }
            handled.put(file, now);
            try {
                BundleJar manifest = BundleJar.read(folder.resolve(file));
                if (bundle == null) {
                    bundle = installFromFolder(file, manifest);
                } else {
                    update(bundle, folder.resolve(file));
                    LOG.info("Updated {} to {} from {}", bundle.getSymbolicName(), bundle.getVersion(), file);
                }
                entries.put(file, installed(file, bundle));
                toStart.add(bundle);
            } catch (BundleRejectedException | BundleException | IOException | UncheckedIOException e) {
                String reason = e instanceof BundleException be ? StartFailures.describe(be) : e.getMessage();
                LOG.warn("Cannot deploy {} from {}: {}", file, folder, reason);
                entries.put(file, failed(file, reason));
            }
        }
        lastSeen.keySet().retainAll(present.keySet());
        entries.keySet().retainAll(present.keySet());

        if (!changed.isEmpty()) {
            refresh(changed);
        }
        if (!changed.isEmpty() || !toStart.isEmpty()) {
            // What changed may be what another deployed bundle was missing.
            for (Bundle bundle : context.getBundles()) {
                if (BundleDescriber.origin(bundle) == BundleOrigin.DEPLOYED && !toStart.contains(bundle)) {
                    toStart.add(bundle);
                }
            }
        }
        for (Bundle bundle : toStart) {
            startFromFolder(bundle);
        }
    }

    private Bundle installFromFolder(String file, BundleJar manifest) throws BundleException, IOException {
        for (Bundle other : bundlesNamed(manifest.symbolicName())) {
            if (BundleDescriber.origin(other) != BundleOrigin.DEPLOYED) {
                throw new BundleRejectedException(
                        Reason.CONFLICT,
                        "The bundle " + manifest.symbolicName() + " is part of the server; a deployed bundle"
                                + " cannot replace it");
            }
            if (other.getVersion().equals(manifest.version())) {
                throw new BundleRejectedException(
                        Reason.CONFLICT,
                        manifest.symbolicName() + " " + manifest.version() + " is already deployed from "
                                + BundleDescriber.deployedFile(other).orElse("?") + "; remove one of the two files");
            }
        }
        try (InputStream content = Files.newInputStream(folder.resolve(file))) {
            Bundle bundle = context.installBundle(location(file), content);
            LOG.info("Installed {} {} from {}", bundle.getSymbolicName(), bundle.getVersion(), file);
            return bundle;
        }
    }

    private void startFromFolder(Bundle bundle) {
        if (bundle.getState() == Bundle.UNINSTALLED || bundle.getState() == Bundle.ACTIVE) {
            return;
        }
        try {
            startAndSettle(bundle);
        } catch (BundleRejectedException e) {
            LOG.warn("Deployed bundle {} does not work: {}", bundle.getSymbolicName(), e.getMessage());
        }
    }

    private Map<String, FileFingerprint> jarsInFolder() {
        Map<String, FileFingerprint> jars = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                // Hidden files are ours (uploads being written, backups) or an editor's.
                if (name.endsWith(".jar") && !name.startsWith(".") && Files.isRegularFile(file)) {
                    try {
                        jars.put(name, FileFingerprint.of(file));
                    } catch (IOException e) {
                        // Deleted between listing and reading: the next scan sees it gone.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the deploy folder " + folder, e);
        }
        return jars;
    }

    private Path spool(InputStream jar) {
        Path upload;
        try {
            upload = Files.createTempFile(folder, ".upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the deploy folder " + folder, e);
        }
        try (OutputStream out = Files.newOutputStream(upload)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; (read = jar.read(buffer)) >= 0; ) {
                total += read;
                if (total > MAX_UPLOAD_BYTES) {
                    throw new BundleRejectedException(
                            Reason.TOO_LARGE,
                            "The upload is larger than " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MiB; connector"
                                    + " bundles are far smaller, so this is probably not one");
                }
                out.write(buffer, 0, read);
            }
            return upload;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(upload);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("Cannot receive the upload: " + e.getMessage(), (IOException) e);
        }
    }

    private void markHandled(String file, Path jar, Bundle bundle) {
        try {
            markHandled(file, FileFingerprint.of(jar), bundle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void markHandled(String file, FileFingerprint fingerprint, Bundle bundle) {
        handled.put(file, fingerprint);
        lastSeen.put(file, fingerprint);
        entries.put(file, installed(file, bundle));
    }

    private void forget(String file) {
        handled.remove(file);
        lastSeen.remove(file);
        entries.remove(file);
    }

    private DeployFolderEntry installed(String file, Bundle bundle) {
        return new DeployFolderEntry(
                file,
                DeployFolderEntry.Status.INSTALLED,
                Optional.of(bundle.getBundleId()),
                Optional.empty(),
                clock.instant());
    }

    private DeployFolderEntry failed(String file, String reason) {
        return new DeployFolderEntry(
                file, DeployFolderEntry.Status.FAILED, Optional.empty(), Optional.of(reason), clock.instant());
    }

    private List<Bundle> bundlesNamed(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .toList();
    }

    private Optional<Bundle> bundleAt(String file) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getLocation().equals(location(file)))
                .findFirst();
    }

    private void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            LOG.warn("Uninstalling {} failed: {}", bundle.getSymbolicName(), e.getMessage());
        }
        startFailures.clear(bundle.getBundleId());
    }

    /**
     * Lets the framework drop the old code of updated and uninstalled bundles, rewiring the bundles
     * that used it; waits so that callers see the final state.
     */
    private void refresh(List<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        };
        Set<Bundle> targets = new HashSet<>(bundles);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(targets, listener);
        try {
            if (!done.await(REFRESH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Refreshing {} took longer than {}", targets, REFRESH_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String location(String file) {
        return BundleDescriber.DEPLOY_LOCATION + file;
    }

    private static void copy(Path from, Path to) {
        try {
            Path partial = to.resolveSibling("." + to.getFileName() + ".part");
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + to + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    private static String requiredProperty(BundleContext context, String name) {
        String value = context.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The framework property " + name + " is not set; bin/millrace sets it");
        }
        return value;
    }

    /** Size and modification time: enough to tell a changed or still-growing jar. */
    record FileFingerprint(long size, long modifiedMillis) {
        static FileFingerprint of(Path file) throws IOException {
            return new FileFingerprint(
                    Files.size(file), Files.getLastModifiedTime(file).toMillis());
        }
    }
}
