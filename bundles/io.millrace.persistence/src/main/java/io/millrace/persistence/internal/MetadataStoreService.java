package io.millrace.persistence.internal;

import io.millrace.persistence.ApiKeyStore;
import io.millrace.persistence.ConnectionStore;
import io.millrace.persistence.MetadataStore;
import io.millrace.persistence.ProjectStore;
import io.millrace.persistence.RevokedTokenStore;
import io.millrace.persistence.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the metadata database and offers it as the store services. Opening (connecting, migrating,
 * starting Hibernate) takes seconds, so it runs beside the other bundles' start instead of holding
 * it up; the services appear once the database is ready, and health reports DOWN until then. The
 * stores are registered from here, and withdrawn before the database closes, because they share
 * one connection pool and one Hibernate session factory.
 */
@Component(
        service = {},
        immediate = true,
        configurationPid = PersistenceConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PersistenceConfiguration.class)
public final class MetadataStoreService {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStoreService.class);

    private final ExecutorService opener =
            Executors.newSingleThreadExecutor(task -> new Thread(task, "millrace-metadata-open"));
    private final Future<Opened> opened;

    @Activate
    public MetadataStoreService(BundleContext context, PersistenceConfiguration configuration) {
        String url = configuration.url().isBlank()
                ? defaultUrl(Path.of(context.getProperty("millrace.data")))
                : configuration.url().trim();
        String user = configuration.user().isBlank() && url.startsWith("jdbc:h2:") ? "sa" : configuration.user();
        opened = opener.submit(() -> open(context, url, user, configuration));
        opener.shutdown();
    }

    @Deactivate
    void close() throws InterruptedException {
        try {
            opened.get().close();
        } catch (ExecutionException e) {
            // Opening failed and was logged; there is nothing to close.
        }
    }

    private static Opened open(BundleContext context, String url, String user, PersistenceConfiguration configuration) {
        MetadataDatabase database;
        try {
            database = MetadataDatabase.open(url, user, configuration.password(), configuration.maximumPoolSize());
        } catch (RuntimeException e) {
            LOG.error(
                    "The metadata store is not available, so nobody can sign in: {}. Fix the settings in"
                            + " etc/{}.cfg and the store starts again.",
                    e.getMessage(),
                    PersistenceConfiguration.PID,
                    e);
            throw e;
        }
        LOG.info("Metadata store: {}", database.describe());
        return new Opened(
                database,
                List.of(
                        context.registerService(UserStore.class, new HibernateUserStore(database), null),
                        context.registerService(ApiKeyStore.class, new HibernateApiKeyStore(database), null),
                        context.registerService(
                                RevokedTokenStore.class, new HibernateRevokedTokenStore(database), null),
                        context.registerService(ConnectionStore.class, new HibernateConnectionStore(database), null),
                        context.registerService(ProjectStore.class, new HibernateProjectStore(database), null),
                        context.registerService(MetadataStore.class, database, null)));
    }

    /** An open database and the services registered for it. */
    private record Opened(MetadataDatabase database, List<ServiceRegistration<?>> services) {
        void close() {
            services.forEach(ServiceRegistration::unregister);
            database.close();
        }
    }

    /** The H2 file database in data/metadata/, in a folder only the server's user can enter. */
    static String defaultUrl(Path dataFolder) {
        Path folder = dataFolder.resolve("metadata");
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: its own access rules apply.
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the metadata folder " + folder, e);
        }
        // WRITE_DELAY=0: a commit is in the file when it returns; H2's default of 500 ms lost
        // tasks created just before the server was killed.
        return "jdbc:h2:file:" + folder.resolve("millrace").toAbsolutePath() + ";WRITE_DELAY=0";
    }
}
