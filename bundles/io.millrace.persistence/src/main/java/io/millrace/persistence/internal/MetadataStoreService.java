package io.millrace.persistence.internal;

import io.millrace.persistence.ApiKeyStore;
import io.millrace.persistence.MetadataStore;
import io.millrace.persistence.RevokedTokenStore;
import io.millrace.persistence.StoreDescription;
import io.millrace.persistence.UserStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
 * Opens the metadata database and offers it as the store services. The stores are registered
 * from here, and withdrawn before the database closes, because they share one connection pool and
 * one Hibernate session factory.
 */
@Component(
        service = MetadataStore.class,
        immediate = true,
        configurationPid = PersistenceConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PersistenceConfiguration.class)
public final class MetadataStoreService implements MetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStoreService.class);

    private final MetadataDatabase database;
    private final List<ServiceRegistration<?>> stores;

    @Activate
    public MetadataStoreService(BundleContext context, PersistenceConfiguration configuration) {
        String url = configuration.url().isBlank()
                ? defaultUrl(Path.of(context.getProperty("millrace.data")))
                : configuration.url().trim();
        String user = configuration.user().isBlank() && url.startsWith("jdbc:h2:") ? "sa" : configuration.user();
        database = MetadataDatabase.open(url, user, configuration.password(), configuration.maximumPoolSize());
        LOG.info("Metadata store: {}", database.describe());
        stores = List.of(
                context.registerService(UserStore.class, new HibernateUserStore(database), null),
                context.registerService(ApiKeyStore.class, new HibernateApiKeyStore(database), null),
                context.registerService(RevokedTokenStore.class, new HibernateRevokedTokenStore(database), null));
    }

    @Deactivate
    void close() {
        stores.forEach(ServiceRegistration::unregister);
        database.close();
    }

    @Override
    public StoreDescription describe() {
        return database.describe();
    }

    @Override
    public boolean isAvailable() {
        return database.isAvailable();
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
        return "jdbc:h2:file:" + folder.resolve("millrace").toAbsolutePath();
    }
}
